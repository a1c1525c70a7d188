package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

// plainServer is a bare net/http server of the benchmark's own, serving saved pages at /p/N
// from memory with nginx's headers. Beside nginx, it shows what Go's HTTP server alone costs
// per request, which no handler of the tracker's can go below.
type plainServer struct {
	srv  *http.Server
	base string
}

func startPlain(port int, pages []savedPage) (*plainServer, error) {
	mux := http.NewServeMux()
	for i, p := range pages {
		body, err := os.ReadFile(p.file)
		if err != nil {
			return nil, err
		}
		header := http.Header{"Content-Type": {p.contentType}, "Content-Length": {strconv.Itoa(len(body))}}
		if p.contentEncoding != "" {
			header["Content-Encoding"] = []string{p.contentEncoding}
		}
		mux.HandleFunc("GET /p/"+strconv.Itoa(i), func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			for k, v := range header {
				h[k] = v
			}
			w.Write(body)
		})
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return nil, err
	}
	s := &plainServer{srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, base: "http://" + ln.Addr().String()}
	go func() {
		if err := s.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "benchtool: net/http server:", err)
		}
	}()
	return s, nil
}

func (s *plainServer) stop() { s.srv.Close() }
