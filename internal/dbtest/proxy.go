package dbtest

import (
	"net"
	"net/url"
	"sync"
	"testing"
)

// Proxy stands between a test and its database, so that the test can make the database go
// away, come back at the same address, or freeze.
type Proxy struct {
	target string
	addr   string

	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
	frozen chan struct{} // closed by Freeze
	done   chan struct{} // closed when the test ends
	once   sync.Once
}

// NewProxy starts a proxy to the database at dbURL and returns it with the URL that reaches
// the database through it. It stops when t ends.
func NewProxy(t testing.TB, dbURL string) (*Proxy, string) {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	p := &Proxy{target: u.Host, addr: "127.0.0.1:0", frozen: make(chan struct{}), done: make(chan struct{})}
	if err := p.listen(); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		p.Stop()
		close(p.done)
	})
	u.Host = p.addr
	return p, u.String()
}

// Stop drops every connection and refuses new ones, as a database that went down.
func (p *Proxy) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Start takes connections again at the same address, as a database that came back.
func (p *Proxy) Start(t testing.TB) {
	t.Helper()
	if err := p.listen(); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
}

// Freeze lets nothing more through, yet keeps every connection open and takes new ones, as a
// database that stopped answering.
func (p *Proxy) Freeze() { p.once.Do(func() { close(p.frozen) }) }

func (p *Proxy) listen() error {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go p.pipe(up, c)
			go p.pipe(c, up)
		}
	}()
	return nil
}

func (p *Proxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		select {
		case <-p.frozen:
			<-p.done // hold the data and the connection until the test ends
			return
		default:
		}
		if n > 0 {
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
