package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/tolk-nl/tolk/internal/server"
)

// timeoutFlags are serve's time limits: the HTTP server's
// (server.Timeouts) and how long a shutdown waits for running requests.
type timeoutFlags struct {
	t        server.Timeouts
	shutdown time.Duration
}

func (f *timeoutFlags) register(fs *flag.FlagSet) {
	d := server.DefaultTimeouts()
	fs.DurationVar(&f.t.ReadHeader, "read-header-timeout", d.ReadHeader, "how long a request's head may take to arrive (env TOLK_READ_HEADER_TIMEOUT)")
	fs.DurationVar(&f.t.Read, "read-timeout", d.Read, "how long a whole request, body included, may take to arrive; a slower one answers 408 (env TOLK_READ_TIMEOUT)")
	fs.DurationVar(&f.t.Write, "write-timeout", d.Write, "how long the answer to a request may take, from the end of its head: a search, an export, a page; past it the connection is cut (env TOLK_WRITE_TIMEOUT)")
	fs.DurationVar(&f.t.Idle, "idle-timeout", d.Idle, "how long a kept-alive connection may wait for its next request (env TOLK_IDLE_TIMEOUT)")
	fs.DurationVar(&f.t.WriteBody, "write-body-timeout", d.WriteBody, "how long a request with a valid write token may take to send its body (a large upload or import over a slow link), instead of --read-timeout; its answer may take a minute more (env TOLK_WRITE_BODY_TIMEOUT)")
	fs.DurationVar(&f.shutdown, "shutdown-timeout", 10*time.Second, "on SIGTERM or SIGINT, how long to wait for running requests before cutting them off (env TOLK_SHUTDOWN_TIMEOUT)")
}

// validate refuses limits that cannot work together (server.Timeouts.Validate)
// and a negative shutdown wait.
func (f *timeoutFlags) validate() error {
	if f.shutdown < 0 {
		return &usageError{fmt.Sprintf("--shutdown-timeout is negative (%v)", f.shutdown)}
	}
	if err := f.t.Validate(); err != nil {
		return &usageError{err.Error()}
	}
	return nil
}

// serveEnv names the environment variable of each serve flag that has
// one besides --data (TOLK_DATA, read as the flag's default) and
// --tm-seed (TOLK_TM_SEED).
var serveEnv = map[string]string{
	"addr":                "TOLK_ADDR",
	"read-header-timeout": "TOLK_READ_HEADER_TIMEOUT",
	"read-timeout":        "TOLK_READ_TIMEOUT",
	"write-timeout":       "TOLK_WRITE_TIMEOUT",
	"idle-timeout":        "TOLK_IDLE_TIMEOUT",
	"write-body-timeout":  "TOLK_WRITE_BODY_TIMEOUT",
	"shutdown-timeout":    "TOLK_SHUTDOWN_TIMEOUT",
	"trusted-proxies":     "TOLK_TRUSTED_PROXIES",
}

// flagsFromEnv sets each flag of env that the command line did not set
// from its environment variable, when that is set: the command line wins.
// A bad value is refused naming the variable.
func flagsFromEnv(fs *flag.FlagSet, getenv func(string) string, env map[string]string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name, ok := env[f.Name]
		if !ok || given[f.Name] || err != nil {
			return
		}
		if v := getenv(name); v != "" {
			if e := fs.Set(f.Name, v); e != nil {
				err = &usageError{fmt.Sprintf("%s=%q: %v (it sets --%s: a value such as %s)", name, v, e, f.Name, f.DefValue)}
			}
		}
	})
	return err
}
