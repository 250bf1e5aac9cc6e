package io.newsloom.api;

import java.sql.SQLException;
import java.util.Set;

/**
 * The api reads tables that other services own and create at their first start (the store its article schema, the
 * fetcher its source table). Until then a read finds no table or function: that means nothing is stored yet, not a
 * failure of the api.
 */
final class NotCreatedYet {

    /** PostgreSQL's undefined table, undefined function and invalid schema name. */
    private static final Set<String> STATES = Set.of("42P01", "42883", "3F000");

    private NotCreatedYet() {
    }

    static boolean is(SQLException e) {
        return STATES.contains(e.getSQLState());
    }
}
