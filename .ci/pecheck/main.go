// Command pecheck checks a Windows executable made by `.ci/package windows`:
// an MZ header pointing at a "PE\0\0" signature, machine AMD64, optional
// header Subsystem 2 (IMAGE_SUBSYSTEM_WINDOWS_GUI, so no console window opens)
// and a resource section (the icon, manifest and version info from fyne).
//
// Usage: go run ./.ci/pecheck FILE.exe | ARCHIVE.zip
//
// With a zip it lists the entries on stdout and checks the one .exe inside.
// It exits 1 with a message naming the fault.
package main

import (
	"archive/zip"
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./.ci/pecheck FILE.exe|ARCHIVE.zip")
		os.Exit(2)
	}
	name, exe, err := load(os.Args[1])
	if err == nil {
		err = check(exe)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pecheck: %s: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("pecheck: %s: PE32+ amd64, Windows GUI subsystem, resources present (%d bytes)\n", name, len(exe))
}

// load reads the executable, from a zip when the file is one.
func load(path string) (string, []byte, error) {
	if !strings.HasSuffix(strings.ToLower(path), ".zip") {
		b, err := os.ReadFile(path)
		return path, b, err
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return path, nil, err
	}
	defer zr.Close()
	var exe *zip.File
	for _, f := range zr.File {
		fmt.Println(f.Name)
		if strings.HasSuffix(strings.ToLower(f.Name), ".exe") {
			if exe != nil {
				return path, nil, fmt.Errorf("more than one .exe: %s, %s", exe.Name, f.Name)
			}
			exe = f
		}
	}
	if exe == nil {
		return path, nil, fmt.Errorf("no .exe inside")
	}
	rc, err := exe.Open()
	if err != nil {
		return path, nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	return path + "!" + exe.Name, b, err
}

func check(b []byte) error {
	if len(b) < 0x40 || string(b[:2]) != "MZ" {
		return fmt.Errorf("no MZ header")
	}
	off := binary.LittleEndian.Uint32(b[0x3c:])
	if int64(off)+4 > int64(len(b)) || string(b[off:off+4]) != "PE\x00\x00" {
		return fmt.Errorf("no PE\\0\\0 signature at e_lfanew 0x%x", off)
	}
	f, err := pe.NewFile(bytes.NewReader(b))
	if err != nil {
		return err
	}
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return fmt.Errorf("machine 0x%x, want 0x%x (AMD64)", f.Machine, pe.IMAGE_FILE_MACHINE_AMD64)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return fmt.Errorf("not a PE32+ (64-bit) optional header")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("subsystem %d, want %d (IMAGE_SUBSYSTEM_WINDOWS_GUI): a console app", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	if f.Section(".rsrc") == nil {
		return fmt.Errorf("no .rsrc section: the icon and version resources are missing")
	}
	return nil
}
