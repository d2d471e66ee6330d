// A small bridge to MariaDB's C client (Debian's libmariadb3), loaded at run time with dlopen:
// Gallra builds and runs without it, and only a `mariadb://` or `mysql://` system needs it.
// Statements with values go through the client's prepared statements (values bound, never
// spliced); statements without values through the plain query. Every cell comes back as text.
#ifndef GALLRA_CMARIADB_H
#define GALLRA_CMARIADB_H

#include <stddef.h>

/// One open connection (wraps the client's MYSQL handle); used by one thread at a time.
typedef struct gallra_mariadb gallra_mariadb;

/// A value to bind: kind 0 NULL, 1 a whole number, 2 a real number, 3 text, 4 bytes.
typedef struct {
    int kind;
    long long integer;
    double real;
    const char *bytes;
    unsigned long length;
} gallra_mariadb_value;

/// The result's columns, once before its rows: names and the client's field types.
typedef void (*gallra_mariadb_columns_fn)(void *context, unsigned count, const char *const *names,
                                          const unsigned long *name_lengths, const int *types);
/// One row: each cell as text and its length, a NULL pointer for SQL NULL.
typedef void (*gallra_mariadb_row_fn)(void *context, unsigned count, const char *const *cells,
                                      const unsigned long *lengths);

/// Loads the client library; NULL when loaded, else why not (a static text).
const char *gallra_mariadb_load(void);

/// Connects over TCP; NULL on failure, with the client's message in `error`.
gallra_mariadb *gallra_mariadb_open(const char *host, unsigned port, const char *user, const char *password,
                                    const char *database, unsigned connect_timeout, unsigned io_timeout,
                                    char *error, size_t error_size);

void gallra_mariadb_close(gallra_mariadb *connection);

/// The server's version as the client gives it (10.11.5 → 101105).
unsigned long gallra_mariadb_server_version(gallra_mariadb *connection);

/// Runs one statement with `count` values bound; hands the columns and then each row to the
/// callbacks. 0 on success; else the server's error number (or -1), with its message in `error`.
int gallra_mariadb_run(gallra_mariadb *connection, const char *sql, unsigned long sql_length,
                       const gallra_mariadb_value *values, unsigned count, void *context,
                       gallra_mariadb_columns_fn columns, gallra_mariadb_row_fn row,
                       unsigned long long *affected, char *error, size_t error_size);

#endif
