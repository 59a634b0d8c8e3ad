package io.seedship.stagingformat;

/**
 * A file's hash as the manifest records it.
 *
 * @param hash which hash
 * @param hex  its value, lowercase hex
 */
public record FileDigest(FileHash hash, String hex) {

    public FileDigest {
        if (hash == null || hex == null) {
            throw new IllegalArgumentException("a file digest needs its hash and its value");
        }
    }

    @Override
    public String toString() {
        return hash.label + " " + hex;
    }
}
