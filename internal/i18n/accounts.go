package i18n

// AccountMessages are the words of signing in and of the editors' area, and of the refusals
// that guard them.
type AccountMessages struct {
	// Refusals, shown through the error page.
	ErrForbiddenTitle string
	ErrCrossOrigin    string
	ErrAdminOnly      string
	ErrTooLargeTitle  string
	ErrTooLarge       string // the most a form takes, in kilobytes
	ErrTooManyTitle   string
	ErrMalformedForm  string

	// Signing in.
	LoginTitle        string
	LoginLede         string
	Email             string
	Password          string
	LoginButton       string
	LoginFailed       string
	LoginLimited      string
	LoginRetry        Plural // minutes to wait
	ErrEmailMissing   string
	ErrPasswordNeeded string
	SignOut           string
	SignedOut         string

	// The editors' area.
	EditorTitle     string
	EditorNav       string
	SignedInAs      string // name, role
	EditorTasks     string
	EditorUsersLink string
	EditorUsersDesc string
	RoleAdmin       string
	RoleEditor      string

	// Managing users.
	UsersTitle       string
	UsersLede        string
	Name             string
	Role             string
	Status           string
	Added            string
	StatusActive     string
	StatusDisabled   string
	RoleOf           string // a user's name
	StatusOf         string // a user's name
	Save             string
	AddUserHeading   string
	AddUserButton    string
	NewPassword      string // the fewest characters
	UserAdded        string // email address
	UserUpdated      string // email address
	ErrEmailTaken    string
	ErrLastAdmin     string
	ErrEmailInvalid  string
	ErrNameInvalid   string // the most characters
	ErrRoleInvalid   string
	ErrPasswordShort string // the fewest characters
	ErrPasswordLong  string
	ErrPasswordWeak  string
	FormProblems     string // above a form that has mistakes
}
