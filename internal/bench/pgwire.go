package bench

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// pgConn is a minimal PostgreSQL client: protocol 3.0 over a Unix
// socket, trust authentication only, the simple query protocol, all
// values as text. It exists so that the benchmark needs no driver
// module; it is not a general client.
type pgConn struct {
	c net.Conn
	r *bufio.Reader
	w *bufio.Writer
}

// PGError is an error the server reported.
type PGError struct{ Severity, Code, Message string }

func (e *PGError) Error() string {
	return fmt.Sprintf("bench: postgres %s %s: %s", e.Severity, e.Code, e.Message)
}

// dialPG connects to the server listening on socket as user to database.
func dialPG(socket, user, database string) (*pgConn, error) {
	c, err := net.DialTimeout("unix", socket, 5*time.Second)
	if err != nil {
		return nil, fmt.Errorf("bench: postgres: %w", err)
	}
	pc := &pgConn{c: c, r: bufio.NewReader(c), w: bufio.NewWriter(c)}
	var body []byte
	body = binary.BigEndian.AppendUint32(body, 196608) // protocol 3.0
	for _, s := range []string{"user", user, "database", database, "client_encoding", "UTF8", ""} {
		body = append(append(body, s...), 0)
	}
	pc.w.Write(binary.BigEndian.AppendUint32(nil, uint32(len(body)+4)))
	pc.w.Write(body)
	if err := pc.w.Flush(); err != nil {
		c.Close()
		return nil, fmt.Errorf("bench: postgres: %w", err)
	}
	for {
		t, msg, err := pc.read()
		if err != nil {
			c.Close()
			return nil, err
		}
		switch t {
		case 'R':
			if len(msg) < 4 || binary.BigEndian.Uint32(msg) != 0 {
				c.Close()
				return nil, errors.New("bench: postgres asks for a password; the benchmark's server uses trust")
			}
		case 'E':
			c.Close()
			return nil, pgErr(msg)
		case 'Z':
			return pc, nil
		}
	}
}

func (pc *pgConn) read() (byte, []byte, error) {
	var h [5]byte
	if _, err := io.ReadFull(pc.r, h[:]); err != nil {
		return 0, nil, fmt.Errorf("bench: postgres: %w", err)
	}
	n := int(binary.BigEndian.Uint32(h[1:])) - 4
	if n < 0 || n > 1<<30 {
		return 0, nil, fmt.Errorf("bench: postgres: message length %d", n)
	}
	msg := make([]byte, n)
	if _, err := io.ReadFull(pc.r, msg); err != nil {
		return 0, nil, fmt.Errorf("bench: postgres: %w", err)
	}
	return h[0], msg, nil
}

func pgErr(msg []byte) *PGError {
	e := &PGError{}
	for len(msg) > 1 {
		k := msg[0]
		end := strings.IndexByte(string(msg[1:]), 0)
		if end < 0 {
			break
		}
		v := string(msg[1 : 1+end])
		msg = msg[2+end:]
		switch k {
		case 'S':
			e.Severity = v
		case 'C':
			e.Code = v
		case 'M':
			e.Message = v
		}
	}
	return e
}

// query runs sql with the simple protocol and returns the rows of the
// last statement, each value as text ("" for NULL).
func (pc *pgConn) query(sql string) ([][]string, error) {
	if strings.IndexByte(sql, 0) >= 0 {
		return nil, errors.New("bench: postgres: NUL in query")
	}
	pc.w.WriteByte('Q')
	pc.w.Write(binary.BigEndian.AppendUint32(nil, uint32(len(sql)+5)))
	pc.w.WriteString(sql)
	pc.w.WriteByte(0)
	if err := pc.w.Flush(); err != nil {
		return nil, fmt.Errorf("bench: postgres: %w", err)
	}
	var rows [][]string
	var qerr error
	for {
		t, msg, err := pc.read()
		if err != nil {
			return nil, err
		}
		switch t {
		case 'T':
			rows = rows[:0]
		case 'D':
			row, err := dataRow(msg)
			if err != nil {
				return nil, err
			}
			rows = append(rows, row)
		case 'E':
			qerr = pgErr(msg)
		case 'Z':
			return rows, qerr
		}
	}
}

func dataRow(msg []byte) ([]string, error) {
	if len(msg) < 2 {
		return nil, errors.New("bench: postgres: short data row")
	}
	n := int(binary.BigEndian.Uint16(msg))
	msg = msg[2:]
	row := make([]string, n)
	for i := range n {
		if len(msg) < 4 {
			return nil, errors.New("bench: postgres: short data row")
		}
		l := int(int32(binary.BigEndian.Uint32(msg)))
		msg = msg[4:]
		if l < 0 {
			continue
		}
		if l > len(msg) {
			return nil, errors.New("bench: postgres: short data row")
		}
		row[i] = string(msg[:l])
		msg = msg[l:]
	}
	return row, nil
}

func (pc *pgConn) Close() error {
	pc.w.Write([]byte{'X', 0, 0, 0, 4})
	pc.w.Flush()
	return pc.c.Close()
}

// pgLiteral quotes s as an SQL string literal for a server with
// standard_conforming_strings on (the default since PostgreSQL 9.1).
func pgLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
