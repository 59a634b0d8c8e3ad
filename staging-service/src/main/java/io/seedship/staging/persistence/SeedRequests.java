package io.seedship.staging.persistence;

import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.command.SeedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A seed request as staging-service keeps it, and where its staging goes. */
public final class SeedRequests {

  static {
    SeedshipCodec.trustContracts();
  }

  private SeedRequests() {
  }

  /** Each seed writes into its own directory of the staging location, named after its (unique) import job. */
  public static Path stagingDir(SeedRequest request) {
    return Path.of(request.getStagingLocation()).resolve(request.getImportJobName());
  }

  public static byte[] encode(SeedRequest request) {
    try {
      ByteBuffer buffer = request.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SeedRequest decode(byte[] bytes) {
    try {
      return SeedRequest.fromByteBuffer(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("a stored seed request does not decode", e);
    }
  }
}
