package goboto

// Version is the goboto release. Every request carries "goboto/<Version>"
// in its User-Agent.
const Version = "0.1.0"
