package api

import (
	"mime"
	"net/http"

	"github.com/gorilla/mux"
)

// routeExports registers the CSV export of a program's tables.
func (h *Handler) routeExports(r *mux.Router) {
	r.HandleFunc(prefix+"/programs/{id}/export/{table}.csv", h.exportTable).Methods(http.MethodGet)
}

// exportTable streams one table as CSV. The status and headers go out with the
// first bytes of the file, so a refusal, or a failure before the first rows,
// is still a JSON error; a failure later can only cut the file short, and is
// logged.
func (h *Handler) exportTable(w http.ResponseWriter, r *http.Request) {
	id, ok := h.programID(w, r)
	if !ok {
		return
	}
	export, err := h.services(r).Exports.Open(userID(r), id, mux.Vars(r)["table"])
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := &csvResponse{w: w, fileName: export.FileName}
	if _, err := export.Write(out); err != nil {
		if !out.started {
			h.fail(w, r, err)
			return
		}
		h.log.Error("CSV export cut short", "program_id", id, "table", export.Table, "error", err.Error())
	}
	out.start() // an empty write never started the response
}

// csvResponse sends the CSV headers with the first bytes written.
type csvResponse struct {
	w        http.ResponseWriter
	fileName string
	started  bool
}

func (c *csvResponse) start() {
	if c.started {
		return
	}
	c.started = true
	header := c.w.Header()
	header.Set("Content-Type", "text/csv; charset=utf-8")
	header.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": c.fileName}))
	// Member data: never kept by a shared cache, never sniffed as HTML.
	header.Set("Cache-Control", "private, no-store")
	header.Set("X-Content-Type-Options", "nosniff")
	c.w.WriteHeader(http.StatusOK)
}

func (c *csvResponse) Write(p []byte) (int, error) {
	c.start()
	return c.w.Write(p)
}
