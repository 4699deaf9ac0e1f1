package dev.meshmq.auth;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public certificates in a directory, as CZMQ's certificate store reads them: every regular file
 * except hidden ones and secret files ({@code NAME_secret}). A file that is not a certificate (a
 * README, say) is skipped with a warning.
 *
 * <p>Thread-safety: immutable.
 */
final class CertificateDirectory {

    private static final System.Logger LOG = System.getLogger(StandardAuthenticator.class.getName());

    private final Map<String, CurveCertificate> byPublicKey;

    private CertificateDirectory(Map<String, CurveCertificate> byPublicKey) {
        this.byPublicKey = byPublicKey;
    }

    /**
     * Reads the certificates of a directory.
     *
     * @param directory the directory
     * @return its certificates by Z85 public key
     * @throws IOException if the directory cannot be listed
     */
    static CertificateDirectory load(Path directory) throws IOException {
        Map<String, CurveCertificate> byPublicKey = new HashMap<>();
        for (Path file : certificateFiles(directory)) {
            try {
                CurveCertificate certificate = CurveCertificate.load(file);
                byPublicKey.put(certificate.publicKeyZ85(), certificate);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping " + file + ": " + e.getMessage());
            }
        }
        return new CertificateDirectory(byPublicKey);
    }

    /**
     * Lists the files of a directory that may be public certificates, sorted by name.
     *
     * @param directory the directory
     * @return its regular, visible files other than secret files
     * @throws IOException if the directory cannot be listed
     */
    static List<Path> certificateFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && !name.endsWith(CurveCertificate.SECRET_SUFFIX)
                        && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        Collections.sort(files);
        return files;
    }

    /**
     * Finds the certificate of a public key.
     *
     * @param publicKeyZ85 the key as Z85
     * @return the certificate, or null if the directory has none for it
     */
    CurveCertificate find(String publicKeyZ85) {
        return byPublicKey.get(publicKeyZ85);
    }

    /**
     * Returns the number of certificates.
     *
     * @return the count
     */
    int size() {
        return byPublicKey.size();
    }
}
