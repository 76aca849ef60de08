package load

import (
	"errors"
	"io/fs"
	"os"
	"runtime/debug"
)

// File loads the GeoJSON file at path as GeoJSONWith does, opening it
// with OpenRegular under the MaxDataFile limit. Where the system allows
// (Unix), the file is mapped rather than read into memory, and the part
// already parsed is handed back as the parse goes on: a file of millions
// of small features then peaks at about the size of its features in
// memory, not at that plus the whole file (see mapFile). Errors are
// *Error, one line naming path.
func File(path string, opt Options) (res *Result, err error) {
	f, st, err := OpenRegular(path, MaxDataFile)
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Msg: "cannot read: " + Reason(err)}
	}
	defer f.Close()
	m, err := mapFile(f, st.Size())
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Msg: "cannot read: " + Reason(err)}
	}
	defer m.close()
	if m.release != nil {
		// A file cut short by another program while it is mapped faults
		// on the next read of the lost part: a refusal, not a crash.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, &Error{File: path, Offset: -1, Msg: faultMessage(r)}
			}
		}()
	}
	return decode(path, m.data, opt, m.release)
}

// faultMessage is the refusal for a memory fault while reading a mapped
// file; any other panic is a bug and goes on.
func faultMessage(r any) string {
	if _, ok := r.(interface{ Addr() uintptr }); ok {
		return "cannot read: the file was cut short while it was read"
	}
	panic(r)
}

// mapping is a file's content in memory.
type mapping struct {
	data []byte
	// release gives back the memory of data[from:to] (nil when data was
	// read, not mapped); the bytes read again afterwards come from the
	// file anew.
	release func(from, to int)
	close   func()
}

// readMapping reads the whole file: where mapping is not available.
func readMapping(f *os.File, size int64) (*mapping, error) {
	b, err := readAllLimit(f, make([]byte, 0, size+1), MaxDataFile)
	if err != nil {
		return nil, err
	}
	return &mapping{data: b, close: func() {}}, nil
}

// Reason is an opening or reading error as the words after "cannot
// read:", without the path the caller's message already names.
func Reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
