/**
 * The certificate of an offline seeding application: generation ({@link io.seedship.cert.certificate.OfflineCertificates}),
 * thumbprints, and the two ways it leaves the service: a PEM in memory for the Azure SDK
 * ({@link io.seedship.cert.certificate.Pem}) and a password-protected PKCS#12 for the backup server
 * ({@link io.seedship.cert.certificate.Pkcs12}). Plain Java and BouncyCastle; no Spring here.
 */
package io.seedship.cert.certificate;
