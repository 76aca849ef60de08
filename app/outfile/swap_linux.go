package outfile

import "golang.org/x/sys/unix"

// swap exchanges folders a and b in one step (renameat2's
// RENAME_EXCHANGE): there is no moment at which b's name is missing.
func swap(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.EINVAL || err == unix.ENOSYS {
		return swapByRenames(a, b) // a file system without the exchange
	}
	return err
}
