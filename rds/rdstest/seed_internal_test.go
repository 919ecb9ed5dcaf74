package rdstest

import (
	"slices"
	"testing"
)

// TestDerivedSeeds checks that each derived family carries the
// differences its seed's header documents, and that every family keeps
// enough parameters to be realistic.
func TestDerivedSeeds(t *testing.T) {
	c := newCatalog()
	has := func(fam, name string) bool {
		return slices.ContainsFunc(c.family(fam).params, func(p param) bool { return p.Name == name })
	}
	for _, tc := range []struct {
		family   string
		with     []string
		without  []string
		minCount int
	}{
		// MySQL 8.4 Reference Manual, "What Is New in MySQL 8.4 since 8.0".
		{"mysql8.4", []string{"authentication_policy", "innodb_redo_log_capacity", "rpl_semi_sync_source_enabled"},
			[]string{"default_authentication_plugin", "rpl_semi_sync_master_enabled", "innodb_log_file_size"}, 200},
		// PostgreSQL 17 release notes: old_snapshot_threshold removed.
		{"postgres17", []string{"transaction_timeout", "summarize_wal"}, []string{"old_snapshot_threshold"}, 200},
		{"postgres15", []string{"vacuum_defer_cleanup_age"}, []string{"enable_presorted_aggregate"}, 200},
		{"postgres14", []string{"stats_temp_directory"}, nil, 200},
		// PostgreSQL 14 release notes: idle_session_timeout is new in 14.
		{"postgres13", []string{"vacuum_cleanup_index_scale_factor"}, []string{"idle_session_timeout", "vacuum_failsafe_age"}, 200},
		{"mariadb10.6", []string{"tx_isolation", "aria_pagecache_buffer_size", "max_statement_time"},
			[]string{"transaction_isolation", "innodb_buffer_pool_instances", "activate_all_roles_on_login"}, 200},
		{"mariadb10.11", []string{"log_slow_query"}, nil, 200},
		{"mariadb11.4", []string{"transaction_isolation", "optimizer_disk_read_cost"}, []string{"tx_isolation", "innodb_change_buffering"}, 200},
	} {
		f := c.family(tc.family)
		if f == nil {
			t.Fatalf("no family %s", tc.family)
		}
		for _, n := range tc.with {
			if !has(tc.family, n) {
				t.Errorf("%s lacks %s", tc.family, n)
			}
		}
		for _, n := range tc.without {
			if has(tc.family, n) {
				t.Errorf("%s has %s", tc.family, n)
			}
		}
		if len(f.params) < tc.minCount || !slices.IsSortedFunc(f.params, func(a, b param) int {
			if a.Name < b.Name {
				return -1
			}
			return 1
		}) {
			t.Errorf("%s: %d parameters, or not sorted", tc.family, len(f.params))
		}
	}
	for _, p := range c.family("postgres15").params {
		if p.MinimumEngineVersion == "16.1" {
			t.Errorf("postgres15's %s needs PostgreSQL 16.1", p.Name)
		}
	}
}
