package io.seedship.staging.intake;

import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found so far, each about one field; listed in the order of the request's fields. */
final class Problems {

  private final List<Problem> found = new ArrayList<>();

  void add(String field, String message) {
    found.add(Problem.newBuilder().setField(field).setMessage(message).build());
  }

  /** The problems in the request's field order (the order of SeedRequest.avsc); a stable sort keeps the rest. */
  List<Problem> inFieldOrder() {
    List<Problem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(Problems::position));
    return sorted;
  }

  private static int position(Problem problem) {
    var field = SeedRequest.getClassSchema().getField(topField(problem));
    return field == null ? Integer.MAX_VALUE : field.pos();
  }

  private static String topField(Problem problem) {
    String field = problem.getField() == null ? "" : problem.getField();
    int dot = field.indexOf('.');
    return dot < 0 ? field : field.substring(0, dot);
  }
}
