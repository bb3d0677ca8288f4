package app

// Exports writes a program's tables as CSV.
type Exports struct{ base }

func newExports(b base) *Exports { return &Exports{base: b} }

// ExportNotifier posts an export file to a coordinator.
type ExportNotifier interface{}
