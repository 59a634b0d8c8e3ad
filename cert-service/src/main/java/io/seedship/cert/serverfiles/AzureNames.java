package io.seedship.cert.serverfiles;

import java.util.regex.Pattern;

/** Checks of Azure identifiers and names; each error names the field and the rule (values are not secrets, but are not echoed). */
public final class AzureNames {

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern STORAGE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  // Azure allows Unicode letters and digits too
  private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_().-]{0,89}[\\p{L}\\p{N}_()-]");

  private AzureNames() {}

  /** A GUID such as {@code 72f988bf-86f1-41af-91ab-2d7cd011db47}. */
  public static String guid(String field, String value) {
    if (value == null || !GUID.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be a GUID like 00000000-0000-0000-0000-000000000000");
    }
    return value;
  }

  public static String storageAccount(String name) {
    if (name == null || !STORAGE_ACCOUNT.matcher(name).matches()) {
      throw new IllegalArgumentException("storageAccount must be 3 to 24 lowercase letters or digits");
    }
    return name;
  }

  public static String resourceGroup(String name) {
    if (name == null || !RESOURCE_GROUP.matcher(name).matches()) {
      throw new IllegalArgumentException("resourceGroup must be 1 to 90 letters, digits, '_', '-', '.', '(' or ')',"
          + " not ending in '.'");
    }
    return name;
  }
}
