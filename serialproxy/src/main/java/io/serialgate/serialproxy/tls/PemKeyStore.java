package io.serialgate.serialproxy.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an in-memory key store from the PEM files novncproxy/nova-serialproxy take
 * ({@code serial_console.cert}, {@code serial_console.key}): the certificate chain from the cert
 * file, the private key from the key file or, when no key file is set, from the cert file itself
 * (Nova's self.pem holds both). Keys in PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY").
 */
public final class PemKeyStore {

    public static final String ALIAS = "serialproxy";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private PemKeyStore() {}

    /** @throws IllegalArgumentException with one line naming the option and the problem */
    public static KeyStore load(String certFile, String keyFile, char[] password) {
        String certText = read("cert", certFile);
        String keyText = keyFile == null || keyFile.isBlank() ? certText : read("key", keyFile);
        String keyOption = keyFile == null || keyFile.isBlank() ? "cert" : "key";
        try {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificateBlocks(certText))));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("serial_console.cert: no CERTIFICATE block in '" + certFile + "'");
            }
            PrivateKey key = privateKey(keyOption, keyText);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("serial_console.cert: cannot use '" + certFile + "' ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** Only the CERTIFICATE blocks: the cert file may also hold the key (self.pem). */
    private static byte[] certificateBlocks(String pem) {
        StringBuilder certs = new StringBuilder();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if ("CERTIFICATE".equals(m.group(1))) {
                certs.append(m.group()).append('\n');
            }
        }
        return certs.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(String option, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("serial_console." + option + ": cannot read '" + file + "'", e);
        }
    }

    private static PrivateKey privateKey(String option, String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
                case "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("serial_console." + option + ": " + type
                            + " is not supported; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
                default:
                    // a CERTIFICATE block in a combined file: keep looking
            }
        }
        throw new IllegalArgumentException("serial_console." + option + ": no PRIVATE KEY block found"
                + ("cert".equals(option) ? " (set serial_console.key, or put the key in the cert file)" : ""));
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
            0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
