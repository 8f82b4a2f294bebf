/** Implementation of the name server: storage, argument binding, guarded regular expressions. */
package org.jpyro.naming.impl;
