package io.seedship.runtime.azure;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Azure's naming rules, in one place, so intake refuses a bad name before a seed spends hours staging data that
 * Azure would then reject. Each check returns the problem (naming the value and the rule, so the operator can fix it
 * from the message alone) or empty when the value is fine.
 *
 * <p>Messages start with the quoted value (or "no ... given"), so a caller can prefix the field name:
 * {@code "storageAccount " + message}.
 *
 * <p>Sources: "Naming rules and restrictions for Azure resources"
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules) for storage accounts,
 * resource groups and Import/Export jobs; "Naming and referencing containers, blobs, and metadata"
 * (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata) for
 * blob containers.
 */
public final class AzureNames {

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern STORAGE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern CONTAINER_CHARACTERS = Pattern.compile("[a-z0-9-]*");
  private static final Pattern IMPORT_JOB = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,63}");
  private static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
  private static final String ASCII_LETTERS = LOWERCASE + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String DIGITS = "0123456789";
  /** Long values are cut in messages: the point is to recognise the value, not to echo a pasted paragraph. */
  private static final int QUOTE_LIMIT = 100;

  private AzureNames() {
  }

  /** A subscription id: a GUID, 8-4-4-4-12 hexadecimal digits (either case). */
  public static Optional<String> subscriptionId(String value) {
    return guid(value, "subscription id");
  }

  /** An Entra (Azure AD) tenant id: a GUID, like a subscription id. */
  public static Optional<String> tenantId(String value) {
    return guid(value, "tenant id");
  }

  /** The object id of an Azure (Entra) user: a GUID. */
  public static Optional<String> userObjectId(String value) {
    return guid(value, "user object id");
  }

  /** A storage account name: 3-24 characters, lowercase letters and digits only (it becomes a DNS label). */
  public static Optional<String> storageAccount(String value) {
    String rule = "a storage account name has 3 to 24 characters, lowercase letters and digits only";
    if (value == null) {
      return Optional.of("no storage account name given: " + rule);
    }
    if (STORAGE_ACCOUNT.matcher(value).matches()) {
      return Optional.empty();
    }
    String breach = value.length() < 3 || value.length() > 24 ? "it has " + characters(value)
        : "it contains " + quote(firstOutside(value, LOWERCASE + DIGITS));
    return Optional.of(quote(value) + " is not a valid storage account name: " + rule + "; " + breach);
  }

  /**
   * A blob container name: 3-63 characters, lowercase letters, digits and hyphens, starting with a letter or digit,
   * no two hyphens in a row and no hyphen at the end. {@code $root}, the account's root container, is accepted.
   */
  public static Optional<String> blobContainer(String value) {
    String rule = "a container name has 3 to 63 characters, lowercase letters, digits and hyphens, starts with a"
        + " letter or digit, has no consecutive hyphens and does not end with a hyphen";
    if (value == null) {
      return Optional.of("no container name given: " + rule);
    }
    if (value.equals("$root")) {
      return Optional.empty();
    }
    String breach;
    if (value.length() < 3 || value.length() > 63) {
      breach = "it has " + characters(value);
    } else if (!CONTAINER_CHARACTERS.matcher(value).matches()) {
      breach = "it contains " + quote(firstOutside(value, LOWERCASE + DIGITS + "-"));
    } else if (value.startsWith("-")) {
      breach = "it starts with a hyphen";
    } else if (value.contains("--")) {
      breach = "it has consecutive hyphens";
    } else if (value.endsWith("-")) {
      breach = "it ends with a hyphen";
    } else {
      return Optional.empty();
    }
    return Optional.of(quote(value) + " is not a valid container name: " + rule + "; " + breach);
  }

  /**
   * A resource group name: 1-90 characters, letters and digits (any script: Azure uses .NET's Char.IsLetterOrDigit),
   * underscores, hyphens, periods and parentheses, not ending with a period. Length counts UTF-16 units, as .NET does.
   */
  public static Optional<String> resourceGroup(String value) {
    String rule = "a resource group name has 1 to 90 characters, letters, digits, underscores, hyphens, periods and"
        + " parentheses, and does not end with a period";
    if (value == null) {
      return Optional.of("no resource group name given: " + rule);
    }
    String unexpected = firstNotResourceGroupCharacter(value);
    String breach;
    if (value.isEmpty() || value.length() > 90) {
      breach = "it has " + characters(value);
    } else if (unexpected != null) {
      breach = "it contains " + quote(unexpected);
    } else if (value.endsWith(".")) {
      breach = "it ends with a period";
    } else {
      return Optional.empty();
    }
    return Optional.of(quote(value) + " is not a valid resource group name: " + rule + "; " + breach);
  }

  /**
   * An Import/Export job name: 2-64 characters, ASCII letters, digits and hyphens, starting with a letter.
   *
   * <p>The API definition (Microsoft.ImportExport 2021-01-01, storageimportexport.json) declares {@code jobName} as a
   * plain string with no pattern or length. The rule here is the one Microsoft documents for
   * {@code Microsoft.ImportExport/jobs} in "Naming rules and restrictions for Azure resources"
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules): scope resource group,
   * length 2-64, "Alphanumerics and hyphens. Start with letter." Seedship's local-azure stand-in applies the same rule.
   */
  public static Optional<String> importJobName(String value) {
    String rule = "an Import/Export job name has 2 to 64 characters, letters, digits and hyphens, and starts with a"
        + " letter";
    if (value == null) {
      return Optional.of("no Import/Export job name given: " + rule);
    }
    if (IMPORT_JOB.matcher(value).matches()) {
      return Optional.empty();
    }
    String unexpected = firstOutside(value, ASCII_LETTERS + DIGITS + "-");
    String breach;
    if (value.length() < 2 || value.length() > 64) {
      breach = "it has " + characters(value);
    } else if (unexpected != null) {
      breach = "it contains " + quote(unexpected);
    } else {
      breach = "it starts with " + quote(value.substring(0, 1));
    }
    return Optional.of(quote(value) + " is not a valid Import/Export job name: " + rule + "; " + breach);
  }

  /** Any other id that is a GUID (an application id, an object id); {@code what} names it in the message. */
  public static Optional<String> guid(String value, String what) {
    String rule = "a " + what + " is a GUID, 8-4-4-4-12 hexadecimal digits such as"
        + " 8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11";
    if (value == null) {
      return Optional.of("no " + what + " given: " + rule);
    }
    if (GUID.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(quote(value) + " is not a valid " + what + ": " + rule);
  }

  /**
   * The exception-throwing form, for code that checks a value as it builds something: {@code value} when
   * {@code rule} finds nothing wrong, otherwise an IllegalArgumentException {@code "<field>: <problem>"}, e.g.
   * {@code AzureNames.require("storageAccount", name, AzureNames::storageAccount)}.
   */
  public static String require(String field, String value, Function<String, Optional<String>> rule) {
    Optional<String> problem = rule.apply(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(field + ": " + problem.get());
    }
    return value;
  }

  /** The first character (as a string, so a surrogate pair stays whole) not in {@code allowed}; null if none. */
  private static String firstOutside(String value, String allowed) {
    return value.codePoints().filter(c -> allowed.indexOf(c) < 0).mapToObj(Character::toString).findFirst()
        .orElse(null);
  }

  private static String firstNotResourceGroupCharacter(String value) {
    // .NET judges UTF-16 units one by one, so a character outside the BMP (a surrogate pair) never passes there.
    return value.codePoints()
        .filter(c -> Character.isSupplementaryCodePoint(c) || !Character.isLetterOrDigit(c) && "_-.()".indexOf(c) < 0)
        .mapToObj(Character::toString).findFirst().orElse(null);
  }

  private static String characters(String value) {
    return value.length() == 1 ? "1 character" : value.length() + " characters";
  }

  private static String quote(String value) {
    String shown = value.length() <= QUOTE_LIMIT ? value : value.substring(0, QUOTE_LIMIT) + "...";
    return "'" + shown + "'";
  }

  /**
   * The name of a MARS/DPM/MABS backup server: a host name of 1-253 characters, ASCII letters, digits, periods and
   * hyphens, starting with a letter or digit (the rule cert-service applies when it prepares the server).
   */
  public static Optional<String> backupServer(String value) {
    String rule = "a backup server name is a host name of 1 to 253 characters, letters, digits, '.' and '-',"
        + " starting with a letter or digit";
    if (value == null) {
      return Optional.of("no backup server name given: " + rule);
    }
    if (BACKUP_SERVER.matcher(value).matches()) {
      return Optional.empty();
    }
    String unexpected = firstOutside(value, ASCII_LETTERS + DIGITS + ".-");
    String breach;
    if (value.isEmpty() || value.length() > 253) {
      breach = "it has " + characters(value);
    } else if (unexpected != null) {
      breach = "it contains " + quote(unexpected);
    } else {
      breach = "it starts with " + quote(value.substring(0, 1));
    }
    return Optional.of(quote(value) + " is not a valid backup server name: " + rule + "; " + breach);
  }

  private static final Pattern BACKUP_SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
}
