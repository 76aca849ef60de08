//go:build !unix

package load

import "testing"

func specialFileCases(*testing.T, string, func(name, to string) string) []openCase { return nil }
