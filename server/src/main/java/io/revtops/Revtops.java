package io.revtops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the one Revtops binary; the first argument picks the command (start, api, worker, migrate). */
@SpringBootApplication
public class Revtops {
    public static void main(String[] args) {
        SpringApplication.run(Revtops.class, args);
    }
}
