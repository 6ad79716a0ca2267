// Package jobs is shared by the web and worker commands.
package jobs

// Pending lists the jobs waiting to run.
func Pending() []string { return []string{"thumbnails", "emails"} }
