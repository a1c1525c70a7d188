package site

import "strconv"

// The paths of signing in and of the editors' area, before any language prefix. They carry
// no data, so they have no twins and no feed.
const (
	LoginPath       = "/login"
	LogoutPath      = "/logout"
	EditorPath      = "/editor"
	EditorUsersPath = "/editor/users"
)

// The parameters of the sign-in page: where to go once signed in, and whether the reader has
// just signed out.
const (
	ParamNext      = "next"
	ParamSignedOut = "signed-out"
)

// EditorUserURL is the address that changes user id's role and status.
func EditorUserURL(id int64) string { return EditorUsersPath + "/" + strconv.FormatInt(id, 10) }
