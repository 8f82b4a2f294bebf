/**
 * Implementation of the pickle serializer: a protocol 2 writer ({@code PickleWriter}, a subclass of the pickle
 * library's Pickler) and a whitelisting reader ({@code PickleReader}, a subclass of its Unpickler) that builds
 * jpyro's value model and never constructs a class outside its whitelist ({@code PickleGlobals}). Not exported.
 */
package org.jpyro.serializer.pickle.internal;
