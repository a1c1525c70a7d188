// Package e2e tests the tracker as its readers meet it: in headless Chromium, with axe-core
// for accessibility, the Nu HTML Checker for valid markup, and a watch on every request and
// cookie. The package holds only tests; they need Debian's chromium, Java, and the Node packages
// pinned in package.json (`make deps` installs them).
package e2e
