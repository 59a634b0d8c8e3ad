/**
 * Deliberate breaches of the layering rules, for ArchitectureRulesTest to show that each rule can fail. Test code
 * only: ArchitectureTest imports production classes and never sees these.
 */
package io.seedship.archfixture;
