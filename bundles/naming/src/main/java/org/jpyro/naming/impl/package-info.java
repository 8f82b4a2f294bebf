/**
 * Implementation of the name server: the stores (memory, embedded H2 MVStore file, JDBC/PostgreSQL), the
 * NS_AUTOCLEAN sweeper, argument binding and guarded regular expressions.
 */
package org.jpyro.naming.impl;
