package rds

import "testing"

func TestWindows(t *testing.T) {
	for _, tt := range []struct {
		backup bool
		w      string
		want   string
	}{
		{true, "03:00-03:30", ""},
		{true, "23:45-00:15", ""}, // across midnight
		{true, "03:00-03:29", "PreferredBackupWindow: 03:00-03:29 is shorter than 30 minutes"},
		{true, "24:00-01:00", "PreferredBackupWindow: 24:00-01:00 is not hh24:mi-hh24:mi"},
		{true, "3:00-4:00", "PreferredBackupWindow: 3:00-4:00 is not hh24:mi-hh24:mi"},
		{true, "03:60-04:30", "PreferredBackupWindow: 03:60-04:30 is not hh24:mi-hh24:mi"},
		{true, "+1:00-02:00", "PreferredBackupWindow: +1:00-02:00 is not hh24:mi-hh24:mi"},
		{true, "01:+5-02:00", "PreferredBackupWindow: 01:+5-02:00 is not hh24:mi-hh24:mi"},
		{true, "", ""},
		{false, "sun:05:00-sun:05:30", ""},
		{false, "Sat:23:50-sun:00:20", ""},
		{false, "sun:23:50-mon:00:20", ""}, // across the week's end
		{false, "sun:05:00-sun:05:10", "PreferredMaintenanceWindow: sun:05:00-sun:05:10 is shorter than 30 minutes"},
		{false, "xyz:05:00-sun:06:00", "PreferredMaintenanceWindow: xyz:05:00-sun:06:00 is not ddd:hh24:mi-ddd:hh24:mi"},
		{false, "on:05:00-sun:06:00", "PreferredMaintenanceWindow: on:05:00-sun:06:00 is not ddd:hh24:mi-ddd:hh24:mi"},
		{false, "05:00-06:00", "PreferredMaintenanceWindow: 05:00-06:00 is not ddd:hh24:mi-ddd:hh24:mi"},
	} {
		check := validMaintenanceWindow
		if tt.backup {
			check = validBackupWindow
		}
		got := ""
		if err := check(tt.w); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("window %q = %q; want %q", tt.w, got, tt.want)
		}
	}
}
