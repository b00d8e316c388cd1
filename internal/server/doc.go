// Package server is tolk's HTTP face: the route table, the JSON API, the
// mapping of errors to status codes and the request log. It is the only
// package that imports gin.
package server
