#include "CMariaDB.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The few declarations of MariaDB Connector/C 3 (libmariadb3) used here, as its mysql.h and
// mariadb_stmt.h give them: the handles stay opaque, the two structs Gallra fills or reads are
// laid out as the library's.
typedef struct st_mysql MYSQL;
typedef struct st_mysql_res MYSQL_RES;
typedef struct st_mysql_stmt MYSQL_STMT;
typedef char my_bool;
typedef char **MYSQL_ROW;

typedef struct st_mysql_field {
    char *name;
    char *org_name;
    char *table;
    char *org_table;
    char *db;
    char *catalog;
    char *def;
    unsigned long length;
    unsigned long max_length;
    unsigned int name_length;
    unsigned int org_name_length;
    unsigned int table_length;
    unsigned int org_table_length;
    unsigned int db_length;
    unsigned int catalog_length;
    unsigned int def_length;
    unsigned int flags;
    unsigned int decimals;
    unsigned int charsetnr;
    int type;
    void *extension;
} MYSQL_FIELD;

typedef struct st_mysql_bind {
    unsigned long *length;
    my_bool *is_null;
    void *buffer;
    my_bool *error;
    union {
        unsigned char *row_ptr;
        char *indicator;
    } u;
    void (*store_param_func)(void *net, struct st_mysql_bind *param);
    void (*fetch_result)(struct st_mysql_bind *, MYSQL_FIELD *, unsigned char **row);
    void (*skip_result)(struct st_mysql_bind *, MYSQL_FIELD *, unsigned char **row);
    unsigned long buffer_length;
    unsigned long offset;
    unsigned long length_value;
    unsigned int flags;
    unsigned int pack_length;
    int buffer_type;
    my_bool error_value;
    my_bool is_unsigned;
    my_bool long_data_used;
    my_bool is_null_value;
    void *extension;
} MYSQL_BIND;

enum {
    TYPE_DOUBLE = 5,
    TYPE_NULL = 6,
    TYPE_LONGLONG = 8,
    TYPE_BLOB = 252,
    TYPE_STRING = 254,
};
enum {
    OPT_CONNECT_TIMEOUT = 0,
    OPT_SET_CHARSET_NAME = 7,
    OPT_LOCAL_INFILE = 8,
    OPT_PROTOCOL = 9,
    OPT_READ_TIMEOUT = 11,
    OPT_WRITE_TIMEOUT = 12,
};
enum { PROTOCOL_TCP = 1, NO_DATA = 100, DATA_TRUNCATED = 101 };

static struct {
    int (*server_init)(int, char **, char **);
    MYSQL *(*init)(MYSQL *);
    int (*options)(MYSQL *, int, const void *);
    MYSQL *(*real_connect)(MYSQL *, const char *, const char *, const char *, const char *, unsigned int,
                           const char *, unsigned long);
    void (*close)(MYSQL *);
    unsigned int (*errno_)(MYSQL *);
    const char *(*error)(MYSQL *);
    unsigned long (*server_version)(MYSQL *);
    int (*real_query)(MYSQL *, const char *, unsigned long);
    unsigned int (*field_count)(MYSQL *);
    unsigned long long (*affected_rows)(MYSQL *);
    MYSQL_RES *(*use_result)(MYSQL *);
    unsigned int (*num_fields)(MYSQL_RES *);
    MYSQL_FIELD *(*fetch_fields)(MYSQL_RES *);
    MYSQL_ROW (*fetch_row)(MYSQL_RES *);
    unsigned long *(*fetch_lengths)(MYSQL_RES *);
    void (*free_result)(MYSQL_RES *);
    int (*next_result)(MYSQL *);
    MYSQL_STMT *(*stmt_init)(MYSQL *);
    int (*stmt_prepare)(MYSQL_STMT *, const char *, unsigned long);
    my_bool (*stmt_bind_param)(MYSQL_STMT *, MYSQL_BIND *);
    int (*stmt_execute)(MYSQL_STMT *);
    MYSQL_RES *(*stmt_result_metadata)(MYSQL_STMT *);
    my_bool (*stmt_bind_result)(MYSQL_STMT *, MYSQL_BIND *);
    int (*stmt_fetch)(MYSQL_STMT *);
    int (*stmt_fetch_column)(MYSQL_STMT *, MYSQL_BIND *, unsigned int, unsigned long);
    unsigned long long (*stmt_affected_rows)(MYSQL_STMT *);
    unsigned int (*stmt_errno)(MYSQL_STMT *);
    const char *(*stmt_error)(MYSQL_STMT *);
    my_bool (*stmt_close)(MYSQL_STMT *);
    my_bool (*stmt_free_result)(MYSQL_STMT *);
} api;

// Prepared statements kept for their next run, by their text: a statement run again (a person's
// lookup, a batch's DELETE) is not prepared again, a round trip and a parse fewer. The least
// recently used goes when the cache is full; a statement that failed is never kept.
enum { CACHED_STATEMENTS = 32 };

struct cached_statement {
    char *sql;
    unsigned long length;
    MYSQL_STMT *stmt;
    unsigned long long used;
};

struct gallra_mariadb {
    MYSQL *mysql;
    struct cached_statement cache[CACHED_STATEMENTS];
    unsigned long long clock;
};

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_failure = NULL;

static void load(void) {
    static const char *names[] = {"libmariadb.so.3", "libmariadb.so", "libmariadbclient.so", NULL};
    void *library = NULL;
    for (int index = 0; names[index] && !library; index++) library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        load_failure = "mariadb:// and mysql:// need MariaDB's C client: install Debian's libmariadb3 "
                       "(apt-get install libmariadb3)";
        return;
    }
#define LOAD(field, symbol)                                                                                         \
    do {                                                                                                            \
        *(void **)(&api.field) = dlsym(library, symbol);                                                            \
        if (!api.field) {                                                                                           \
            load_failure = "the MariaDB C client found lacks " symbol "; install Debian's libmariadb3";            \
            return;                                                                                                 \
        }                                                                                                           \
    } while (0)
    LOAD(server_init, "mysql_server_init");
    LOAD(init, "mysql_init");
    LOAD(options, "mysql_options");
    LOAD(real_connect, "mysql_real_connect");
    LOAD(close, "mysql_close");
    LOAD(errno_, "mysql_errno");
    LOAD(error, "mysql_error");
    LOAD(server_version, "mysql_get_server_version");
    LOAD(real_query, "mysql_real_query");
    LOAD(field_count, "mysql_field_count");
    LOAD(affected_rows, "mysql_affected_rows");
    LOAD(use_result, "mysql_use_result");
    LOAD(num_fields, "mysql_num_fields");
    LOAD(fetch_fields, "mysql_fetch_fields");
    LOAD(fetch_row, "mysql_fetch_row");
    LOAD(fetch_lengths, "mysql_fetch_lengths");
    LOAD(free_result, "mysql_free_result");
    LOAD(next_result, "mysql_next_result");
    LOAD(stmt_init, "mysql_stmt_init");
    LOAD(stmt_prepare, "mysql_stmt_prepare");
    LOAD(stmt_bind_param, "mysql_stmt_bind_param");
    LOAD(stmt_execute, "mysql_stmt_execute");
    LOAD(stmt_result_metadata, "mysql_stmt_result_metadata");
    LOAD(stmt_bind_result, "mysql_stmt_bind_result");
    LOAD(stmt_fetch, "mysql_stmt_fetch");
    LOAD(stmt_fetch_column, "mysql_stmt_fetch_column");
    LOAD(stmt_affected_rows, "mysql_stmt_affected_rows");
    LOAD(stmt_errno, "mysql_stmt_errno");
    LOAD(stmt_error, "mysql_stmt_error");
    LOAD(stmt_close, "mysql_stmt_close");
    LOAD(stmt_free_result, "mysql_stmt_free_result");
#undef LOAD
    if (api.server_init(0, NULL, NULL) != 0) load_failure = "the MariaDB C client could not be initialised";
}

const char *gallra_mariadb_load(void) {
    pthread_once(&load_once, load);
    return load_failure;
}

static void say(char *error, size_t size, const char *text) {
    if (size == 0) return;
    snprintf(error, size, "%s", text ? text : "unknown error");
}

gallra_mariadb *gallra_mariadb_open(const char *host, unsigned port, const char *user, const char *password,
                                    const char *database, unsigned connect_timeout, unsigned io_timeout,
                                    char *error, size_t error_size) {
    const char *failure = gallra_mariadb_load();
    if (failure) {
        say(error, error_size, failure);
        return NULL;
    }
    MYSQL *mysql = api.init(NULL);
    if (!mysql) {
        say(error, error_size, "out of memory");
        return NULL;
    }
    unsigned protocol = PROTOCOL_TCP;
    unsigned no = 0;
    api.options(mysql, OPT_PROTOCOL, &protocol);
    api.options(mysql, OPT_CONNECT_TIMEOUT, &connect_timeout);
    api.options(mysql, OPT_READ_TIMEOUT, &io_timeout);
    api.options(mysql, OPT_WRITE_TIMEOUT, &io_timeout);
    api.options(mysql, OPT_LOCAL_INFILE, &no);
    api.options(mysql, OPT_SET_CHARSET_NAME, "utf8mb4");
    if (!api.real_connect(mysql, host, user, password, database, port, NULL, 0)) {
        say(error, error_size, api.error(mysql));
        api.close(mysql);
        return NULL;
    }
    gallra_mariadb *connection = calloc(1, sizeof *connection);
    if (!connection) {
        api.close(mysql);
        say(error, error_size, "out of memory");
        return NULL;
    }
    connection->mysql = mysql;
    return connection;
}

void gallra_mariadb_close(gallra_mariadb *connection) {
    if (!connection) return;
    for (unsigned index = 0; index < CACHED_STATEMENTS; index++) {
        if (!connection->cache[index].stmt) continue;
        api.stmt_close(connection->cache[index].stmt);
        free(connection->cache[index].sql);
    }
    api.close(connection->mysql);
    free(connection);
}

unsigned long gallra_mariadb_server_version(gallra_mariadb *connection) {
    return api.server_version(connection->mysql);
}

static void report_columns(MYSQL_RES *meta, void *context, gallra_mariadb_columns_fn columns) {
    unsigned count = api.num_fields(meta);
    MYSQL_FIELD *fields = api.fetch_fields(meta);
    const char **names = calloc(count ? count : 1, sizeof *names);
    unsigned long *lengths = calloc(count ? count : 1, sizeof *lengths);
    int *types = calloc(count ? count : 1, sizeof *types);
    if (names && lengths && types) {
        for (unsigned index = 0; index < count; index++) {
            names[index] = fields[index].name;
            lengths[index] = fields[index].name_length;
            types[index] = fields[index].type;
        }
        columns(context, count, names, lengths, types);
    }
    free(names);
    free(lengths);
    free(types);
}

/// A statement without values: the plain query, its rows as the server sends them (text).
static int run_plain(gallra_mariadb *connection, const char *sql, unsigned long sql_length, void *context,
                     gallra_mariadb_columns_fn columns, gallra_mariadb_row_fn row, unsigned long long *affected,
                     char *error, size_t error_size) {
    MYSQL *mysql = connection->mysql;
    if (api.real_query(mysql, sql, sql_length) != 0) {
        say(error, error_size, api.error(mysql));
        return api.errno_(mysql) ? (int)api.errno_(mysql) : -1;
    }
    if (api.field_count(mysql) == 0) {
        *affected = api.affected_rows(mysql);
        return 0;
    }
    MYSQL_RES *result = api.use_result(mysql);
    if (!result) {
        say(error, error_size, api.error(mysql));
        return api.errno_(mysql) ? (int)api.errno_(mysql) : -1;
    }
    report_columns(result, context, columns);
    unsigned count = api.num_fields(result);
    MYSQL_ROW cells;
    while ((cells = api.fetch_row(result))) {
        row(context, count, (const char *const *)cells, api.fetch_lengths(result));
    }
    int failed = (int)api.errno_(mysql);
    if (failed) say(error, error_size, api.error(mysql));
    api.free_result(result);
    *affected = 0;
    return failed;
}

static int stmt_failure(MYSQL_STMT *stmt, char *error, size_t error_size) {
    say(error, error_size, api.stmt_error(stmt));
    int number = (int)api.stmt_errno(stmt);
    return number ? number : -1;
}

/// The statement prepared for `sql`, from the cache (taken out of it while it runs) or new.
/// NULL when out of memory; a statement whose preparation failed is returned to report it.
static MYSQL_STMT *take_statement(gallra_mariadb *connection, const char *sql, unsigned long length, int *prepared) {
    for (unsigned index = 0; index < CACHED_STATEMENTS; index++) {
        struct cached_statement *entry = &connection->cache[index];
        if (entry->stmt && entry->length == length && memcmp(entry->sql, sql, length) == 0) {
            MYSQL_STMT *stmt = entry->stmt;
            free(entry->sql);
            memset(entry, 0, sizeof *entry);
            *prepared = 1;
            return stmt;
        }
    }
    *prepared = 0;
    return api.stmt_init(connection->mysql);
}

/// Keeps a statement that ran well for its next run, in place of the least recently used.
static void keep_statement(gallra_mariadb *connection, const char *sql, unsigned long length, MYSQL_STMT *stmt) {
    struct cached_statement *slot = &connection->cache[0];
    for (unsigned index = 0; index < CACHED_STATEMENTS; index++) {
        struct cached_statement *entry = &connection->cache[index];
        if (!entry->stmt) {
            slot = entry;
            break;
        }
        if (entry->used < slot->used) slot = entry;
    }
    char *copy = malloc(length ? length : 1);
    if (!copy) {
        api.stmt_close(stmt);
        return;
    }
    memcpy(copy, sql, length);
    if (slot->stmt) {
        api.stmt_close(slot->stmt);
        free(slot->sql);
    }
    slot->sql = copy;
    slot->length = length;
    slot->stmt = stmt;
    slot->used = ++connection->clock;
}

/// Binds the values, runs the statement (prepared first unless `prepared`) and hands its rows on;
/// `given` counts the rows handed on. Leaves the statement open.
static int run_statement(MYSQL_STMT *stmt, int prepared, const char *sql, unsigned long sql_length,
                         const gallra_mariadb_value *values, unsigned count, void *context,
                         gallra_mariadb_columns_fn columns, gallra_mariadb_row_fn row, unsigned long long *affected,
                         unsigned long long *given, char *error, size_t error_size) {
    int status = 0;
    MYSQL_BIND *params = calloc(count, sizeof *params);
    MYSQL_BIND *results = NULL;
    char **buffers = NULL;
    unsigned long *lengths = NULL;
    my_bool *nulls = NULL;
    const char **cells = NULL;
    unsigned fields = 0;
    MYSQL_RES *meta = NULL;
    if (!params) {
        say(error, error_size, "out of memory");
        status = -1;
        goto done;
    }
    if (!prepared && api.stmt_prepare(stmt, sql, sql_length) != 0) {
        status = stmt_failure(stmt, error, error_size);
        goto done;
    }
    for (unsigned index = 0; index < count; index++) {
        const gallra_mariadb_value *value = &values[index];
        MYSQL_BIND *bind = &params[index];
        switch (value->kind) {
        case 1:
            bind->buffer_type = TYPE_LONGLONG;
            bind->buffer = (void *)&value->integer;
            break;
        case 2:
            bind->buffer_type = TYPE_DOUBLE;
            bind->buffer = (void *)&value->real;
            break;
        case 3:
        case 4:
            bind->buffer_type = value->kind == 3 ? TYPE_STRING : TYPE_BLOB;
            bind->buffer = (void *)(value->bytes ? value->bytes : "");
            bind->buffer_length = value->length;
            bind->length_value = value->length;
            bind->length = &bind->length_value;
            break;
        default:
            bind->buffer_type = TYPE_NULL;
            break;
        }
    }
    if (api.stmt_bind_param(stmt, params) != 0 || api.stmt_execute(stmt) != 0) {
        status = stmt_failure(stmt, error, error_size);
        goto done;
    }
    meta = api.stmt_result_metadata(stmt);
    if (!meta) {
        *affected = api.stmt_affected_rows(stmt);
        goto done;
    }
    report_columns(meta, context, columns);
    fields = api.num_fields(meta);
    results = calloc(fields ? fields : 1, sizeof *results);
    buffers = calloc(fields ? fields : 1, sizeof *buffers);
    lengths = calloc(fields ? fields : 1, sizeof *lengths);
    nulls = calloc(fields ? fields : 1, sizeof *nulls);
    cells = calloc(fields ? fields : 1, sizeof *cells);
    if (!results || !buffers || !lengths || !nulls || !cells) {
        say(error, error_size, "out of memory");
        status = -1;
        goto done;
    }
    for (unsigned index = 0; index < fields; index++) {
        buffers[index] = malloc(256);
        if (!buffers[index]) {
            say(error, error_size, "out of memory");
            status = -1;
            goto done;
        }
        results[index].buffer_type = TYPE_STRING;
        results[index].buffer = buffers[index];
        results[index].buffer_length = 256;
        results[index].length = &lengths[index];
        results[index].is_null = &nulls[index];
    }
    if (api.stmt_bind_result(stmt, results) != 0) {
        status = stmt_failure(stmt, error, error_size);
        goto done;
    }
    for (;;) {
        int fetched = api.stmt_fetch(stmt);
        if (fetched == NO_DATA) break;
        if (fetched == 1) {
            status = stmt_failure(stmt, error, error_size);
            goto done;
        }
        for (unsigned index = 0; index < fields; index++) {
            if (nulls[index]) {
                cells[index] = NULL;
                continue;
            }
            if (lengths[index] > results[index].buffer_length) {
                // A long cell: a buffer large enough, and the cell read again into it.
                unsigned long size = lengths[index] + 1;
                char *larger = realloc(buffers[index], size);
                if (!larger) {
                    say(error, error_size, "out of memory");
                    status = -1;
                    goto done;
                }
                buffers[index] = larger;
                results[index].buffer = larger;
                results[index].buffer_length = size;
                if (api.stmt_fetch_column(stmt, &results[index], index, 0) != 0) {
                    status = stmt_failure(stmt, error, error_size);
                    goto done;
                }
            }
            cells[index] = buffers[index];
        }
        row(context, fields, cells, lengths);
        *given += 1;
        // The buffers may have grown: bound anew for the next row.
        if (fetched == DATA_TRUNCATED && api.stmt_bind_result(stmt, results) != 0) {
            status = stmt_failure(stmt, error, error_size);
            goto done;
        }
    }
done:
    if (meta) api.free_result(meta);
    if (buffers)
        for (unsigned index = 0; index < fields; index++) free(buffers[index]);
    free(buffers);
    free(results);
    free(lengths);
    free(nulls);
    free(cells);
    free(params);
    return status;
}

enum { CR_NEW_STMT_METADATA = 2057, ER_UNKNOWN_STMT_HANDLER = 1243 };

int gallra_mariadb_run(gallra_mariadb *connection, const char *sql, unsigned long sql_length,
                       const gallra_mariadb_value *values, unsigned count, void *context,
                       gallra_mariadb_columns_fn columns, gallra_mariadb_row_fn row,
                       unsigned long long *affected, char *error, size_t error_size) {
    *affected = 0;
    if (count == 0) return run_plain(connection, sql, sql_length, context, columns, row, affected, error, error_size);
    int prepared = 0;
    MYSQL_STMT *stmt = take_statement(connection, sql, sql_length, &prepared);
    if (!stmt) {
        say(error, error_size, "out of memory");
        return -1;
    }
    unsigned long long given = 0;
    int status = run_statement(stmt, prepared, sql, sql_length, values, count, context, columns, row, affected, &given,
                               error, error_size);
    if (prepared && given == 0 && (status == CR_NEW_STMT_METADATA || status == ER_UNKNOWN_STMT_HANDLER)) {
        // A kept statement that the table (its columns changed) or the server (it forgot it) has
        // moved on from, before any row: prepared anew and run once more. Only a result's
        // metadata or a lost handle, never a statement that changed data, is run again.
        api.stmt_close(stmt);
        stmt = api.stmt_init(connection->mysql);
        if (!stmt) {
            say(error, error_size, "out of memory");
            return -1;
        }
        status = run_statement(stmt, 0, sql, sql_length, values, count, context, columns, row, affected, &given, error,
                               error_size);
    }
    if (status == 0) {
        api.stmt_free_result(stmt);
        keep_statement(connection, sql, sql_length, stmt);
    } else {
        api.stmt_close(stmt);
    }
    return status;
}
