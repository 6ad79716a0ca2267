// Package greeting is imported as gobuild-app/greeting: it resolves only when the app sits at
// $GOPATH/src/gobuild-app, which is where the gobuild method places it.
package greeting

// Text is the line the app answers with.
func Text(method string) string { return "Hello from go-paas-build (" + method + ")" }
