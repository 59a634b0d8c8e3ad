package io.seedship.archfixture.cyclic.b;

import io.seedship.archfixture.cyclic.a.A;

/** The other half: b uses a. */
public class B {
  public A a;
}
