package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/stretchr/testify/require"
)

// The catalog check reads the server's Go source instead of a hand-kept list of
// messages: a message added anywhere under server/ is found without anyone
// remembering to register it, so a missing translation cannot slip through.

const (
	goi18nPath   = "github.com/nicksnyder/go-i18n/v2/i18n"
	ownI18nPath  = "github.com/mentorship-mattermost/mentorship/server/i18n"
	ownI18nDir   = "i18n" // directory of this package, relative to the scan root
	messageField = "Message"
)

// sourceMessage is one message literal found in the code.
type sourceMessage struct {
	ID    string
	Other string
	Pos   string // file:line, as a path from the test's directory
}

// catalogScan is everything found under one root.
type catalogScan struct {
	Messages []sourceMessage
	// Problems are literals the scan could not read (an ID or Other that is not
	// a constant string, or plural forms the flat JSON file cannot hold).
	Problems []string
}

// scanMessages parses every non-test Go file under root and returns the message
// literals: &i18n.Message{...}, goi18n.Message{...}, Message{...} inside package
// i18n, and elided literals in maps and slices whose element type is one of those.
func scanMessages(root string) (*catalogScan, error) {
	scan := &catalogScan{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		scanFile(fset, file, filepath.ToSlash(filepath.Dir(rel)) == ownI18nDir, scan)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(scan.Messages, func(i, j int) bool { return scan.Messages[i].ID < scan.Messages[j].ID })
	return scan, nil
}

func scanFile(fset *token.FileSet, file *ast.File, inI18nPackage bool, scan *catalogScan) {
	// Local names under which this file imports a package that declares Message.
	i18nNames := map[string]bool{}
	for _, imp := range file.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if path != goi18nPath && path != ownI18nPath {
			continue
		}
		name := "i18n"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		i18nNames[name] = true
	}
	isMessage := func(t ast.Expr) bool {
		if star, ok := t.(*ast.StarExpr); ok {
			t = star.X
		}
		switch t := t.(type) {
		case *ast.SelectorExpr:
			x, ok := t.X.(*ast.Ident)
			return ok && i18nNames[x.Name] && t.Sel.Name == messageField
		case *ast.Ident:
			return inI18nPackage && t.Name == messageField
		}
		return false
	}

	// An elided literal ({ID: ...} inside map[string]*Message{...}) has no type of
	// its own; its parent's element type is remembered here before the walk
	// reaches it (ast.Inspect visits parents first).
	elided := map[*ast.CompositeLit]ast.Expr{}
	ast.Inspect(file, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		typ := lit.Type
		if typ == nil {
			typ = elided[lit]
		}
		if typ == nil {
			return true
		}
		if isMessage(typ) {
			readMessage(fset, lit, scan)
			return true
		}
		keyType, elemType := elementTypes(typ)
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				markElided(kv.Key, keyType, elided)
				markElided(kv.Value, elemType, elided)
			} else {
				markElided(elt, elemType, elided)
			}
		}
		return true
	})
}

// elementTypes returns the key and element types of a map, array or slice type.
func elementTypes(t ast.Expr) (key, elem ast.Expr) {
	switch t := t.(type) {
	case *ast.MapType:
		return t.Key, t.Value
	case *ast.ArrayType:
		return nil, t.Elt
	}
	return nil, nil
}

func markElided(e, typ ast.Expr, elided map[*ast.CompositeLit]ast.Expr) {
	if typ == nil {
		return
	}
	// &T{...} may be written {...} when the element type is *T.
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	if lit, ok := e.(*ast.CompositeLit); ok && lit.Type == nil {
		elided[lit] = typ
	}
}

var pluralFields = map[string]bool{"Zero": true, "One": true, "Two": true, "Few": true, "Many": true}

func readMessage(fset *token.FileSet, lit *ast.CompositeLit, scan *catalogScan) {
	pos := fset.Position(lit.Pos())
	m := sourceMessage{Pos: fmt.Sprintf("%s:%d", pos.Filename, pos.Line)}
	var problems []string
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			problems = append(problems, "unkeyed fields")
			continue
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			continue
		}
		switch {
		case key.Name == "ID" || key.Name == "Other":
			s, ok := constantString(kv.Value)
			if !ok {
				problems = append(problems, key.Name+" is not a constant string")
			}
			if key.Name == "ID" {
				m.ID = s
			} else {
				m.Other = s
			}
		case pluralFields[key.Name]:
			problems = append(problems, "plural field "+key.Name+" (active.es.json holds one string per ID; extend the catalog test first)")
		}
	}
	if m.ID == "" && len(problems) == 0 {
		problems = append(problems, "no ID")
	}
	if len(problems) > 0 {
		scan.Problems = append(scan.Problems, fmt.Sprintf("%s: %s", m.Pos, strings.Join(problems, "; ")))
		return
	}
	scan.Messages = append(scan.Messages, m)
}

// constantString evaluates a string literal or a concatenation of literals.
func constantString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constantString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		l, ok1 := constantString(e.X)
		r, ok2 := constantString(e.Y)
		return l + r, ok1 && ok2
	}
	return "", false
}

// templateFields returns the sorted distinct field names ({{.Name}}) a message
// template uses, wherever they appear (plain actions, if, range, pipelines).
func templateFields(text string) ([]string, error) {
	if !strings.Contains(text, "{{") {
		return nil, nil
	}
	tmpl, err := template.New("m").Parse(text)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			set[strings.Join(n.Ident, ".")] = true
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		}
	}
	walk(tmpl.Tree.Root)
	fields := make([]string, 0, len(set))
	for f := range set {
		fields = append(fields, "."+f)
	}
	sort.Strings(fields)
	return fields, nil
}

func TestScanFindsEveryFormOfMessageLiteral(t *testing.T) {
	root := t.TempDir()
	writeSource(t, root, "app/a.go", `package app

import "github.com/mentorship-mattermost/mentorship/server/i18n"

var one = &i18n.Message{ID: "a.one", Other: "One {{.X}}"}

var inMap = map[string]*i18n.Message{"k": {ID: "a.map", Other: "in a map"}}

func f() { _ = []i18n.Message{{ID: "a.slice", Other: "joined " + `+"`raw`"+`}} }
`)
	writeSource(t, root, "app/a_test.go", `package app

import "github.com/mentorship-mattermost/mentorship/server/i18n"

var ignored = &i18n.Message{ID: "a.test", Other: "only in a test"}
`)
	writeSource(t, root, "other/b.go", `package other

import g "github.com/nicksnyder/go-i18n/v2/i18n"

// A type of the same name in another package is not a message.
type Message struct{ ID, Other string }

var alias = g.Message{ID: "b.alias", Other: "aliased import"}
var notOne = Message{ID: "b.not_a_message", Other: "x"}
var id = "b.dynamic"
var dynamic = &g.Message{ID: id, Other: "x"}
`)
	writeSource(t, root, "i18n/c.go", `package i18n

var bare = map[string]*Message{"k": {ID: "c.bare", Other: "bare"}}
var nested = map[string]map[string]*Message{"k": {"l": {ID: "c.nested", Other: "nested"}}}
`)
	scan, err := scanMessages(root)
	require.NoError(t, err)
	var ids []string
	for _, m := range scan.Messages {
		ids = append(ids, m.ID)
	}
	require.Equal(t, []string{"a.map", "a.one", "a.slice", "b.alias", "c.bare", "c.nested"}, ids)
	require.Equal(t, "joined raw", scan.Messages[2].Other)
	require.Len(t, scan.Problems, 1)
	require.Contains(t, scan.Problems[0], "b.go:11: ID is not a constant string")
}

func TestTemplateFieldsAreFoundInsideActionsAndBlocks(t *testing.T) {
	fields, err := templateFields("{{if .A}}x {{.B}}{{end}} {{.A}} {{.C | printf \"%s\"}}")
	require.NoError(t, err)
	require.Equal(t, []string{".A", ".B", ".C"}, fields)
	fields, err = templateFields("no placeholders")
	require.NoError(t, err)
	require.Empty(t, fields)
	_, err = templateFields("{{.Broken")
	require.Error(t, err)
}

func writeSource(t *testing.T, root, rel, src string) {
	t.Helper()
	path := filepath.Join(root, rel)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o750))
	require.NoError(t, os.WriteFile(path, []byte(src), 0o600))
}
