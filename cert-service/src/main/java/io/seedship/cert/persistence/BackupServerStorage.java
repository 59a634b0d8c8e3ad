package io.seedship.cert.persistence;

import org.springframework.jdbc.core.JdbcTemplate;
import java.util.List;

/** The storage accounts a backup server was prepared for (one params file each). */
public class BackupServerStorage {

  /** A storage account and its resource group. */
  public record Account(String storageAccount, String resourceGroup) {
  }

  private final JdbcTemplate jdbc;

  public BackupServerStorage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void add(String serverName, String storageAccount, String resourceGroup) {
    jdbc.update("insert into backup_server_storage (server_name, storage_account, resource_group) values (?, ?, ?) "
        + "on conflict do nothing", serverName, storageAccount, resourceGroup);
  }

  public List<Account> of(String serverName) {
    return jdbc.query("select storage_account, resource_group from backup_server_storage where server_name = ? "
        + "order by storage_account", (rs, i) -> new Account(rs.getString(1), rs.getString(2)), serverName);
  }
}
