package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantErr bool
	}{
		{
			name: "defaults",
			want: Config{Addr: ":8080", DatabaseURL: DefaultDatabaseURL, DatabaseURLDefault: true, ShutdownTimeout: 10 * time.Second, MaxConnections: 512, PageCacheMB: 16, MemoryLimit: 40 << 20, CollectAtLimit: true},
		},
		{
			// The collector keeps the pacing asked for.
			name: "GOGC set",
			env:  map[string]string{"GOGC": "200"},
			want: Config{Addr: ":8080", DatabaseURL: DefaultDatabaseURL, DatabaseURLDefault: true, ShutdownTimeout: 10 * time.Second, MaxConnections: 512, PageCacheMB: 16, MemoryLimit: 40 << 20},
		},
		{
			name: "overrides",
			env:  map[string]string{"ADDR": "127.0.0.1:9000", "DATABASE_URL": "postgres://x/y", "SHUTDOWN_TIMEOUT": "3s", "PUBLIC_URL": "https://hrd.example.org/", "MAX_CONNECTIONS": "20", "PAGE_CACHE_MB": "0", "GOMEMLIMIT": "1GiB"},
			want: Config{Addr: "127.0.0.1:9000", DatabaseURL: "postgres://x/y", ShutdownTimeout: 3 * time.Second, PublicURL: "https://hrd.example.org", MaxConnections: 20},
		},
		{name: "bad addr", env: map[string]string{"ADDR": "8080"}, wantErr: true},
		{name: "public URL with a path", env: map[string]string{"PUBLIC_URL": "https://example.org/tracker"}, wantErr: true},
		{name: "public URL without scheme", env: map[string]string{"PUBLIC_URL": "example.org"}, wantErr: true},
		{name: "no connections", env: map[string]string{"MAX_CONNECTIONS": "0"}, wantErr: true},
		{name: "negative page cache", env: map[string]string{"PAGE_CACHE_MB": "-1"}, wantErr: true},
		{name: "page cache in bytes", env: map[string]string{"PAGE_CACHE_MB": "16MB"}, wantErr: true},
		{name: "bad timeout", env: map[string]string{"SHUTDOWN_TIMEOUT": "soon"}, wantErr: true},
		{name: "negative timeout", env: map[string]string{"SHUTDOWN_TIMEOUT": "-1s"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(func(k string) string { return tc.env[k] })
			if (err != nil) != tc.wantErr {
				t.Fatalf("Load() error = %v, wantErr %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Load() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
