// Command server is built by the app's Makefile (go build -o bin/server), not by go install.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

// version is set by the Makefile's -ldflags.
var version = "unset"

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "Hello from go-paas-build (makefile, version %s)\n", version)
	})
	log.Printf("listening on 0.0.0.0:%s", port)
	log.Fatal(http.ListenAndServe("0.0.0.0:"+port, nil))
}
