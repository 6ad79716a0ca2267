// Command gobuild-app is a GOPATH-era app: no go.mod, main.go at the root, and a package imported
// by its GOPATH import path (the folder name). Clever Cloud's gobuild method builds it with
// `go install main.go` from $GOPATH/src/gobuild-app (GO111MODULE=off); build-tool auto picks
// gobuild because there is a main.go and no go.mod.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"gobuild-app/greeting"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, greeting.Text("gobuild"))
	})
	log.Printf("listening on 0.0.0.0:%s", port)
	log.Fatal(http.ListenAndServe("0.0.0.0:"+port, nil))
}
