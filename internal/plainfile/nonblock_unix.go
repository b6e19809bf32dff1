//go:build unix

package plainfile

import "syscall"

// openFlags make open(2) of a named pipe return at once instead of waiting
// for a writer, and keep a terminal device from becoming the process's
// controlling terminal.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
