package io.seedship.runtime.messaging;

import io.seedship.runtime.outbox.Outbox;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The way in for a command that starts a chain outside any handling (an HTTP request): it is written to the outbox,
 * with the caller's own changes if it has a transaction open, and relayed to Kafka in order. A caller that answers
 * "accepted" once this returns never loses the command to a broker that was briefly away. Events that start outside
 * any handling go the same way (importmonitor-service's observations of Azure, written with the rows that record
 * them): what matters is that the record leaves in the transaction of the state it reports.
 */
public class CommandGateway {

  private final Outbox outbox;
  private final TransactionTemplate tx;

  public CommandGateway(Outbox outbox, TransactionTemplate tx) {
    this.outbox = outbox;
    this.tx = tx;
  }

  public void send(SpecificRecord command) {
    tx.executeWithoutResult(status -> outbox.append(List.of(command)));
  }
}
