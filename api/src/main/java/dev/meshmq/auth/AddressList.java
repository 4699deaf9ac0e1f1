package dev.meshmq.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of IP addresses and CIDR blocks ("192.0.2.7", "10.0.0.0/8", "::1", "2001:db8::/32") that a
 * peer's address is matched against. Only IP literals are parsed, so matching never asks DNS; an
 * address that is not an IP literal (an ipc path, "" for inproc) matches nothing.
 *
 * <p>Thread-safety: immutable.
 */
final class AddressList {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final List<Block> blocks;

    private AddressList(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses the entries of a list.
     *
     * @param entries IP literals, each with an optional "/prefix-length"
     * @return the list
     * @throws IllegalArgumentException naming an entry that is not an IP literal or CIDR block
     */
    static AddressList of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(Block.parse(entry));
        }
        return new AddressList(blocks);
    }

    /**
     * Returns whether the list is empty.
     *
     * @return true if it has no entry
     */
    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /**
     * Returns whether an address is in the list.
     *
     * @param address a peer's address as an {@code AuthenticationRequest} gives it
     * @return true if it is an IP literal inside one of the entries
     */
    boolean contains(String address) {
        byte[] ip = ipLiteral(address);
        if (ip == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 becomes IPv4), or null if it is none. */
    static byte[] ipLiteral(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(literal).matches() && (literal.indexOf(':') < 0 || literal.indexOf('%') >= 0)) {
            return null;
        }
        try {
            // A dotted quad or a text with ':' is parsed as a literal: no name lookup happens.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One IP address with the number of leading bits that must match. */
    private static final class Block {

        private final byte[] network;
        private final int prefixBits;

        private Block(byte[] network, int prefixBits) {
            this.network = network;
            this.prefixBits = prefixBits;
        }

        static Block parse(String entry) {
            String text = entry.strip();
            int slash = text.indexOf('/');
            byte[] ip = ipLiteral(slash < 0 ? text : text.substring(0, slash));
            if (ip == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
            }
            int bits = ip.length * 8;
            if (slash >= 0) {
                String length = text.substring(slash + 1);
                if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > ip.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a bad prefix length; it is 0 to "
                            + ip.length * 8);
                }
                bits = Integer.parseInt(length);
            }
            return new Block(ip, bits);
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (ip[whole] & mask) == (network[whole] & mask);
        }
    }
}
