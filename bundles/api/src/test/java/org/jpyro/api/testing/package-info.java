/**
 * Test helpers shared by the serializer bundles (published as the {@code tests} test-jar of
 * {@code org.jpyro.api}): {@link org.jpyro.api.testing.Py} builds Python values and compares them type-strictly,
 * {@link org.jpyro.api.testing.Vectors} reads the golden conversations in {@code shared/vectors},
 * {@link org.jpyro.api.testing.ValueSteps} holds what the steps of their "values" conversation decode to and
 * {@link org.jpyro.api.testing.RandomValues} makes random values for round-trip tests. Not part of the API.
 */
package org.jpyro.api.testing;
