//go:build !unix

package plainfile

// openFlags is 0 where opens take neither O_NONBLOCK nor O_NOCTTY (there
// are no named pipes in the file system to wait on).
const openFlags = 0
