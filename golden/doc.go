// Package golden holds the one -update flag of the repository and the
// helpers that use it: Check compares a test's output with a file under
// testdata/ and shows a line diff when they differ, CheckHeader does the
// same for the "# key: value" lines at the top of a data file (the problems
// a broken manifest must produce), and both rewrite the file instead when
// the test runs with -update (or CAAS_UPDATE_GOLDEN=1), so a change of
// output is reviewed as a diff of testdata. It imports nothing of this
// module, so any package's tests may use it.
package golden
