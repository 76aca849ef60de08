package load

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Error is a refusal: the file, where in it (when known) and what is wrong.
// Its message is one line, fit for a terminal or an error dialog.
type Error struct {
	File   string
	Offset int64 // byte offset of the fault, or -1 when unknown
	Line   int   // 1-based; 0 when unknown
	Col    int   // 1-based, in characters
	Msg    string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// errAt builds an Error positioned at byte offset off of data.
func errAt(file string, data []byte, off int64, format string, args ...any) *Error {
	e := &Error{File: file, Offset: off, Msg: fmt.Sprintf(format, args...)}
	if off >= 0 && off <= int64(len(data)) {
		before := data[:off]
		e.Line = bytes.Count(before, []byte{'\n'}) + 1
		lineStart := bytes.LastIndexByte(before, '\n') + 1
		e.Col = utf8.RuneCount(before[lineStart:]) + 1
	}
	return e
}
