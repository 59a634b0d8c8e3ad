package io.seedship.archfixture.cyclic.a;

import io.seedship.archfixture.cyclic.b.B;

/** Half of a package cycle: a uses b. */
public class A {
  public B b;
}
