// Command worker is the second process of the module: it runs the pending jobs once and exits.
package main

import (
	"fmt"

	"example.com/multi-cmd/internal/jobs"
)

func main() {
	for _, j := range jobs.Pending() {
		fmt.Println("ran job", j)
	}
}
