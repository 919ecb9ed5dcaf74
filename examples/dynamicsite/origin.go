package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// postPath is the one blog post of the stand-in site.
const postPath = "/2026/12/hello-world/"

// origin is a stand-in for a WordPress site: pages rendered on every
// request, a login that sets a cookie, an admin dashboard that needs
// it, and a comment form. It counts the requests it serves, by method
// and path, which is how the transcript tells what CloudFront passed
// through.
type origin struct {
	mu       sync.Mutex
	served   map[string]int
	renders  int
	comments []string
}

func newOrigin() *origin { return &origin{served: map[string]int{}} }

// count returns how many requests the origin has served.
func (o *origin) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, c := range o.served {
		n += c
	}
	return n
}

// loginCookie is what the stand-in's login sets, as WordPress sets
// wordpress_logged_in_<hash>.
const loginCookie = "wordpress_logged_in"

func (o *origin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.served[r.Method+" "+r.URL.Path]++
	o.renders++
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch {
	case r.URL.Path == "/" && r.Method == http.MethodGet:
		fmt.Fprintf(w, "<h1>My blog</h1> render #%d: <a href=%q>Hello world</a>", o.renders, postPath)
	case r.URL.Path == postPath && r.Method == http.MethodGet:
		fmt.Fprintf(w, "<h1>Hello world</h1> render #%d: %s", o.renders, comments(len(o.comments)))
	case r.URL.Path == "/wp-login.php" && r.Method == http.MethodPost:
		if err := r.ParseForm(); err != nil || r.PostForm.Get("log") == "" {
			http.Error(w, "who are you?", http.StatusBadRequest)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: r.PostForm.Get("log"), Path: "/", HttpOnly: true, Secure: true})
		http.Redirect(w, r, "/wp-admin/", http.StatusFound)
	case r.URL.Path == "/wp-login.php":
		fmt.Fprint(w, `<form method="post" action="/wp-login.php"><input name="log"></form>`)
	case strings.HasPrefix(r.URL.Path, "/wp-admin/"):
		c, err := r.Cookie(loginCookie)
		if err != nil {
			http.Redirect(w, r, "/wp-login.php", http.StatusFound)
			return
		}
		fmt.Fprintf(w, "<h1>Dashboard</h1> render #%d: hello %s, %s", o.renders, c.Value, comments(len(o.comments)))
	case r.URL.Path == "/comment" && r.Method == http.MethodPost:
		if err := r.ParseForm(); err != nil || r.PostForm.Get("comment") == "" {
			http.Error(w, "say something", http.StatusBadRequest)
			return
		}
		o.comments = append(o.comments, r.PostForm.Get("comment"))
		http.Redirect(w, r, postPath, http.StatusSeeOther)
	default:
		http.NotFound(w, r)
	}
}

func comments(n int) string {
	if n == 1 {
		return "1 comment"
	}
	return fmt.Sprintf("%d comments", n)
}
