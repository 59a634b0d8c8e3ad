package io.seedship.runtime.persistence;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Repository;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.spring.boot.starter.MicronautBeanFilter;

/** Only Micronaut Data repositories cross into Spring: Micronaut's own transaction interceptor would clash. */
@Introspected
public class RepositoriesOnly implements MicronautBeanFilter {

  @Override
  public boolean includes(BeanDefinition<?> definition) {
    return definition.hasStereotype(Repository.class);
  }
}
