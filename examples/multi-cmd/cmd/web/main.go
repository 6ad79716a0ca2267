// Command web is the web process of a module with two main packages; the default Procfile gets
// `web: bin/web` and `worker: bin/worker`.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/multi-cmd/internal/jobs"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "Hello from go-paas-build (multi-cmd web, %d jobs queued)\n", len(jobs.Pending()))
	})
	log.Printf("listening on 0.0.0.0:%s", port)
	log.Fatal(http.ListenAndServe("0.0.0.0:"+port, nil))
}
