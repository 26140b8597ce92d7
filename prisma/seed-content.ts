// Demo support content (DESIGN.md §8): knowledge base, announcements, servers and network issues.
// Called from prisma/seed.ts inside its transaction; times are relative to now so the demo always
// has one incident going on, one maintenance ahead and one incident in the past.
import type { Prisma } from "@/lib/generated/prisma/client";

/** The demo servers; seed.ts points demo services at them (Service.serverId) by hostname. */
export const DEMO_SERVER_HOSTNAMES = {
  hcmWeb: "web1.hcm.portico.example",
  btsWeb: "web2.bts.portico.example",
  budVps: "vps-node3.bud.portico.example",
} as const;
export type DemoServerKey = keyof typeof DEMO_SERVER_HOSTNAMES;

const SERVERS: Record<DemoServerKey, { name: string; location: string }> = {
  hcmWeb: { name: "Shared hosting web1", location: "Ho Chi Minh City" },
  btsWeb: { name: "Shared hosting web2", location: "Bratislava" },
  budVps: { name: "VPS node 3", location: "Budapest" },
};

const CATEGORIES = [
  { slug: "domains-dns", position: 10, isFaq: false, name: { en: "Domains & DNS", vi: "Tên miền & DNS", sk: "Domény a DNS", hu: "Domainek és DNS" } },
  { slug: "email", position: 20, isFaq: false, name: { en: "Email", vi: "Email", sk: "E-mail", hu: "E-mail" } },
  { slug: "hosting", position: 30, isFaq: false, name: { en: "Web hosting", vi: "Lưu trữ web", sk: "Webhosting", hu: "Webtárhely" } },
  { slug: "faq", position: 40, isFaq: true, name: { en: "Frequently asked questions", vi: "Câu hỏi thường gặp", sk: "Časté otázky", hu: "Gyakori kérdések" } },
] as const;
type CategorySlug = (typeof CATEGORIES)[number]["slug"];

type DemoArticle = { slug: string; category: CategorySlug; locale: "en" | "vi" | "sk" | "hu"; title: string; body: string; status?: "draft" | "published"; helpful?: [number, number] };

const ARTICLES: DemoArticle[] = [
  // ── Domains & DNS ──
  {
    slug: "dns-records-explained",
    category: "domains-dns",
    locale: "en",
    title: "DNS records explained: A, AAAA, CNAME, MX and TXT",
    helpful: [14, 2],
    body: `Your domain's DNS zone tells the internet where to find your website and where to deliver your email. You can edit it under **Domains → your domain → DNS**.

| Type | What it does | Example |
|---|---|---|
| A | Points a name to an IPv4 address | \`www → 203.0.113.10\` |
| AAAA | Points a name to an IPv6 address | \`www → 2001:db8::10\` |
| CNAME | Makes a name an alias of another name | \`shop → shops.example.net\` |
| MX | Names the servers that receive email for the domain | \`@ → mx1.portico.example (priority 10)\` |
| TXT | Free text, used for SPF, DKIM and domain verification | \`@ → "v=spf1 include:_spf.portico.example ~all"\` |

**Tips**

- \`@\` stands for the domain itself (example.com).
- A name that has a CNAME record cannot have any other record.
- Lower the TTL to 300 seconds a day before you move a website, so the change spreads quickly.`,
  },
  {
    slug: "spf-dkim-dmarc",
    category: "domains-dns",
    locale: "en",
    title: "Set up SPF, DKIM and DMARC for your domain",
    helpful: [22, 3],
    body: `SPF, DKIM and DMARC prove to other mail servers that email from your domain really comes from you. Without them, your messages are more likely to land in spam.

1. **SPF**: add a TXT record on \`@\`:
   \`v=spf1 include:_spf.portico.example ~all\`
   If you also send through another service (for example a newsletter tool), add its include before \`~all\`. Keep **one** SPF record per domain.
2. **DKIM**: in **Services → your hosting → Email → DKIM**, press *Generate key*. Copy the TXT record shown (name \`portico._domainkey\`) into your DNS zone.
3. **DMARC**: add a TXT record on \`_dmarc\`:
   \`v=DMARC1; p=none; rua=mailto:dmarc@example.com\`
   Start with \`p=none\`, read the reports for a few weeks, then tighten to \`p=quarantine\`.

Changes take effect within the TTL of the records, usually within an hour.`,
  },
  {
    slug: "spf-dkim-dmarc",
    category: "domains-dns",
    locale: "vi",
    title: "Thiết lập SPF, DKIM và DMARC cho tên miền",
    helpful: [6, 1],
    body: `SPF, DKIM và DMARC giúp các máy chủ thư khác xác nhận rằng email từ tên miền của bạn thực sự do bạn gửi. Thiếu chúng, thư của bạn dễ bị đưa vào thư rác.

1. **SPF**: thêm bản ghi TXT cho \`@\`:
   \`v=spf1 include:_spf.portico.example ~all\`
   Nếu bạn còn gửi thư qua dịch vụ khác (ví dụ công cụ gửi bản tin), hãy thêm include của dịch vụ đó trước \`~all\`. Mỗi tên miền chỉ giữ **một** bản ghi SPF.
2. **DKIM**: vào **Dịch vụ → gói hosting → Email → DKIM**, nhấn *Tạo khóa*. Sao chép bản ghi TXT hiển thị (tên \`portico._domainkey\`) vào vùng DNS.
3. **DMARC**: thêm bản ghi TXT cho \`_dmarc\`:
   \`v=DMARC1; p=none; rua=mailto:dmarc@example.com\`
   Bắt đầu với \`p=none\`, theo dõi báo cáo vài tuần rồi chuyển sang \`p=quarantine\`.

Thay đổi có hiệu lực trong khoảng thời gian TTL của bản ghi, thường dưới một giờ.`,
  },
  {
    slug: "spf-dkim-dmarc",
    category: "domains-dns",
    locale: "sk",
    title: "Nastavenie SPF, DKIM a DMARC pre vašu doménu",
    body: `SPF, DKIM a DMARC dokazujú ostatným poštovým serverom, že e-maily z vašej domény naozaj posielate vy. Bez nich vaše správy častejšie skončia v spame.

1. **SPF**: pridajte TXT záznam pre \`@\`:
   \`v=spf1 include:_spf.portico.example ~all\`
   Ak posielate poštu aj cez inú službu (napríklad nástroj na newslettre), pridajte jej include pred \`~all\`. Doména smie mať iba **jeden** SPF záznam.
2. **DKIM**: v časti **Služby → váš hosting → E-mail → DKIM** kliknite na *Vygenerovať kľúč*. Zobrazený TXT záznam (názov \`portico._domainkey\`) skopírujte do DNS zóny.
3. **DMARC**: pridajte TXT záznam pre \`_dmarc\`:
   \`v=DMARC1; p=none; rua=mailto:dmarc@example.com\`
   Začnite s \`p=none\`, niekoľko týždňov sledujte reporty a potom prejdite na \`p=quarantine\`.

Zmeny sa prejavia v rámci TTL záznamov, zvyčajne do hodiny.`,
  },
  {
    slug: "spf-dkim-dmarc",
    category: "domains-dns",
    locale: "hu",
    title: "SPF, DKIM és DMARC beállítása a domainhez",
    body: `Az SPF, a DKIM és a DMARC igazolja a többi levelezőszerver felé, hogy a domainjéről érkező levelek valóban Öntől származnak. Nélkülük az üzenetei könnyebben a spamek közé kerülnek.

1. **SPF**: vegyen fel egy TXT rekordot a \`@\` névre:
   \`v=spf1 include:_spf.portico.example ~all\`
   Ha más szolgáltatáson (például hírlevélküldőn) keresztül is küld leveleket, annak include-ját írja a \`~all\` elé. Egy domainnek csak **egy** SPF rekordja lehet.
2. **DKIM**: a **Szolgáltatások → tárhely → E-mail → DKIM** menüben kattintson a *Kulcs generálása* gombra. A megjelenő TXT rekordot (neve \`portico._domainkey\`) másolja a DNS-zónába.
3. **DMARC**: vegyen fel egy TXT rekordot a \`_dmarc\` névre:
   \`v=DMARC1; p=none; rua=mailto:dmarc@example.com\`
   Kezdje \`p=none\` beállítással, néhány hétig figyelje a jelentéseket, majd szigorítson \`p=quarantine\`-re.

A változások a rekordok TTL-idején belül, általában egy órán belül élnek.`,
  },

  // ── Email ──
  {
    slug: "email-client-setup",
    category: "email",
    locale: "en",
    title: "Set up your mailbox in Outlook, Thunderbird or on your phone",
    helpful: [31, 4],
    body: `Use these settings in any email app. Your username is your full email address; the password is the one you set for the mailbox.

| | Server | Port | Security |
|---|---|---|---|
| Incoming (IMAP) | mail.portico.example | 993 | SSL/TLS |
| Incoming (POP3) | mail.portico.example | 995 | SSL/TLS |
| Outgoing (SMTP) | mail.portico.example | 465 | SSL/TLS |
| Outgoing (SMTP, alternative) | mail.portico.example | 587 | STARTTLS |

**Choose IMAP** if you read mail on more than one device: messages stay on the server and every device sees the same folders.

**Outgoing mail needs authentication**: tick "My outgoing server requires authentication" and use the same username and password.

On an iPhone: *Settings → Mail → Accounts → Add account → Other*. On Android: *Gmail → Add account → Other*.`,
  },
  {
    slug: "email-client-setup",
    category: "email",
    locale: "vi",
    title: "Cài đặt hộp thư trên Outlook, Thunderbird hoặc điện thoại",
    helpful: [9, 0],
    body: `Dùng các thông số sau trong bất kỳ ứng dụng email nào. Tên đăng nhập là địa chỉ email đầy đủ; mật khẩu là mật khẩu bạn đã đặt cho hộp thư.

| | Máy chủ | Cổng | Bảo mật |
|---|---|---|---|
| Thư đến (IMAP) | mail.portico.example | 993 | SSL/TLS |
| Thư đến (POP3) | mail.portico.example | 995 | SSL/TLS |
| Thư đi (SMTP) | mail.portico.example | 465 | SSL/TLS |
| Thư đi (SMTP, phương án khác) | mail.portico.example | 587 | STARTTLS |

**Hãy chọn IMAP** nếu bạn đọc thư trên nhiều thiết bị: thư được lưu trên máy chủ và mọi thiết bị thấy cùng các thư mục.

**Thư đi cần xác thực**: đánh dấu "Máy chủ thư đi yêu cầu xác thực" và dùng cùng tên đăng nhập, mật khẩu.

Trên iPhone: *Cài đặt → Mail → Tài khoản → Thêm tài khoản → Khác*. Trên Android: *Gmail → Thêm tài khoản → Khác*.`,
  },
  {
    slug: "email-client-setup",
    category: "email",
    locale: "sk",
    title: "Nastavenie schránky v Outlooku, Thunderbirde alebo v mobile",
    body: `Tieto nastavenia použite v ľubovoľnej e-mailovej aplikácii. Používateľské meno je celá e-mailová adresa, heslo je to, ktoré ste nastavili pre schránku.

| | Server | Port | Zabezpečenie |
|---|---|---|---|
| Prichádzajúca (IMAP) | mail.portico.example | 993 | SSL/TLS |
| Prichádzajúca (POP3) | mail.portico.example | 995 | SSL/TLS |
| Odchádzajúca (SMTP) | mail.portico.example | 465 | SSL/TLS |
| Odchádzajúca (SMTP, alternatíva) | mail.portico.example | 587 | STARTTLS |

**Zvoľte IMAP**, ak čítate poštu na viacerých zariadeniach: správy zostávajú na serveri a všetky zariadenia vidia rovnaké priečinky.

**Odchádzajúca pošta vyžaduje overenie**: zaškrtnite „Server odchádzajúcej pošty vyžaduje overenie“ a použite rovnaké meno a heslo.

Na iPhone: *Nastavenia → Mail → Účty → Pridať účet → Iné*. Na Androide: *Gmail → Pridať účet → Iné*.`,
  },
  {
    slug: "email-client-setup",
    category: "email",
    locale: "hu",
    title: "Postafiók beállítása Outlookban, Thunderbirdben vagy telefonon",
    body: `Ezeket a beállításokat bármely levelezőprogramban használhatja. A felhasználónév a teljes e-mail-cím, a jelszó pedig az, amelyet a postafiókhoz megadott.

| | Szerver | Port | Biztonság |
|---|---|---|---|
| Bejövő (IMAP) | mail.portico.example | 993 | SSL/TLS |
| Bejövő (POP3) | mail.portico.example | 995 | SSL/TLS |
| Kimenő (SMTP) | mail.portico.example | 465 | SSL/TLS |
| Kimenő (SMTP, alternatív) | mail.portico.example | 587 | STARTTLS |

**Válassza az IMAP-ot**, ha több eszközön olvassa a leveleit: az üzenetek a szerveren maradnak, és minden eszköz ugyanazokat a mappákat látja.

**A kimenő levelezéshez hitelesítés kell**: jelölje be „A kimenő levelek kiszolgálója hitelesítést igényel” opciót, és ugyanazt a nevet és jelszót adja meg.

iPhone-on: *Beállítások → Mail → Fiókok → Fiók hozzáadása → Egyéb*. Androidon: *Gmail → Fiók hozzáadása → Egyéb*.`,
  },

  // ── Web hosting ──
  {
    slug: "ftp-connect",
    category: "hosting",
    locale: "en",
    title: "Connect to your hosting with FTP or SFTP",
    helpful: [18, 5],
    body: `You can upload files with any FTP client, for example FileZilla or WinSCP.

- **Host**: the server name shown on your hosting service page (for example \`web1.hcm.portico.example\`)
- **Protocol**: SFTP (port 22) — recommended; or FTP with explicit TLS (port 21)
- **Username and password**: under **Services → your hosting → FTP accounts**

Upload your website into the \`public_html\` folder. Files outside it are not reachable from the web, which makes it a good place for configuration files with passwords.

**Cannot connect?** Plain FTP without TLS is switched off for your security. After five wrong passwords, your IP address is blocked for 15 minutes.`,
  },
  {
    slug: "ftp-connect",
    category: "hosting",
    locale: "vi",
    title: "Kết nối tới hosting bằng FTP hoặc SFTP",
    body: `Bạn có thể tải tệp lên bằng bất kỳ phần mềm FTP nào, ví dụ FileZilla hoặc WinSCP.

- **Máy chủ**: tên máy chủ hiển thị trên trang dịch vụ hosting (ví dụ \`web1.hcm.portico.example\`)
- **Giao thức**: SFTP (cổng 22) — khuyến nghị; hoặc FTP với TLS tường minh (cổng 21)
- **Tên đăng nhập và mật khẩu**: tại **Dịch vụ → gói hosting → Tài khoản FTP**

Tải website vào thư mục \`public_html\`. Tệp nằm ngoài thư mục này không truy cập được từ web, nên đó là nơi phù hợp cho tệp cấu hình chứa mật khẩu.

**Không kết nối được?** FTP thường không có TLS đã bị tắt để bảo vệ bạn. Sau năm lần nhập sai mật khẩu, địa chỉ IP của bạn bị chặn trong 15 phút.`,
  },
  {
    slug: "change-php-version",
    category: "hosting",
    locale: "en",
    title: "Change the PHP version of your website",
    helpful: [12, 1],
    body: `Every website on your hosting can run its own PHP version (8.1 to 8.4).

1. Open **Services → your hosting → Websites**.
2. Choose the website and press **PHP settings**.
3. Pick the version and save. The change applies within a minute; no restart is needed.

**Before you switch**, check that your CMS and its plugins support the new version. WordPress 6.x runs on PHP 8.4; older plugins may not. If the site shows errors after the change, switch back and update the plugins first.

In the same place you can raise \`memory_limit\`, \`upload_max_filesize\` and \`max_execution_time\` within the limits of your plan.`,
  },
  {
    slug: "change-php-version",
    category: "hosting",
    locale: "hu",
    title: "A weboldal PHP-verziójának módosítása",
    body: `A tárhelyén minden weboldal saját PHP-verzióval futhat (8.1-től 8.4-ig).

1. Nyissa meg a **Szolgáltatások → tárhely → Weboldalak** menüt.
2. Válassza ki a weboldalt, és kattintson a **PHP-beállítások** gombra.
3. Válassza ki a verziót, és mentse. A változás egy percen belül életbe lép, újraindítás nem kell.

**Váltás előtt** ellenőrizze, hogy a CMS és a bővítményei támogatják-e az új verziót. A WordPress 6.x fut PHP 8.4-en, a régebbi bővítmények nem mindig. Ha a váltás után hibát lát, váltson vissza, és előbb frissítse a bővítményeket.

Ugyanitt a csomagja keretein belül megemelheti a \`memory_limit\`, az \`upload_max_filesize\` és a \`max_execution_time\` értékét.`,
  },
  {
    slug: "ssl-certificate",
    category: "hosting",
    locale: "en",
    title: "Install a free Let's Encrypt SSL certificate",
    helpful: [20, 2],
    body: `Every website on our hosting can use a free certificate from Let's Encrypt, renewed automatically every 60 days.

1. Make sure the domain's A record points to your hosting server (see *DNS records explained*).
2. Open **Services → your hosting → Websites → SSL** and press **Issue certificate**.
3. Tick **Redirect HTTP to HTTPS** once the certificate is active.

The certificate covers the domain and \`www\`. Wildcard certificates (\`*.example.com\`) need a DNS check and are issued only for domains whose DNS we host.

**"Certificate could not be issued"** usually means the domain does not point to us yet, or a CAA record allows only another certificate authority.`,
  },
  {
    slug: "ssl-certificate",
    category: "hosting",
    locale: "sk",
    title: "Inštalácia bezplatného SSL certifikátu Let's Encrypt",
    body: `Každý web na našom hostingu môže používať bezplatný certifikát od Let's Encrypt, ktorý sa automaticky obnovuje každých 60 dní.

1. Skontrolujte, že A záznam domény smeruje na váš hostingový server.
2. Otvorte **Služby → váš hosting → Weby → SSL** a kliknite na **Vydať certifikát**.
3. Keď je certifikát aktívny, zaškrtnite **Presmerovať HTTP na HTTPS**.

Certifikát pokrýva doménu aj \`www\`. Wildcard certifikáty (\`*.example.com\`) vyžadujú overenie cez DNS a vydávame ich iba pre domény, ktorých DNS spravujeme.

**„Certifikát sa nepodarilo vydať“** zvyčajne znamená, že doména ešte nesmeruje k nám, alebo CAA záznam povoľuje iba inú certifikačnú autoritu.`,
  },
  {
    slug: "backups-restore",
    category: "hosting",
    locale: "en",
    title: "How backups work and how to restore a file",
    helpful: [9, 1],
    body: `We back up every hosting account every night and keep the copies for **14 days**, in a different data centre from the one your site runs in. Databases are included.

**Restore a single file or folder**

1. Open **Services → your hosting → Backups**.
2. Choose the date, browse to the file and press **Restore**. The current file is kept next to it as \`name.before-restore\`.

**Restore a database**: choose the database and the date; it is restored into a new database so you can compare before switching.

Backups of VPS and dedicated servers are an option you order separately; without it, please keep your own copies.`,
  },
  {
    slug: "migrate-wordpress",
    category: "hosting",
    locale: "en",
    status: "draft",
    title: "Move a WordPress site to Portico hosting",
    body: `*Draft — screenshots to follow.*

1. Export the database from your old host.
2. Upload the files into \`public_html\` with SFTP.
3. Import the database and update \`wp-config.php\`.
4. Point the domain's A record to your new server.`,
  },

  // ── FAQ ──
  {
    slug: "vps-open-ports",
    category: "faq",
    locale: "en",
    title: "Which ports are open on a new VPS?",
    helpful: [27, 1],
    body: `A new VPS comes with a firewall that allows only:

- **22/tcp** — SSH (key-based login; password login is off)
- **80/tcp and 443/tcp** — HTTP and HTTPS
- **ICMP** — ping

Everything else is closed until you open it, for example with \`ufw allow 3306/tcp\` on Ubuntu. Outgoing SMTP on port 25 is blocked to stop spam from compromised servers; open a ticket if you need to send mail directly.`,
  },
  {
    slug: "vps-open-ports",
    category: "faq",
    locale: "vi",
    title: "VPS mới mở những cổng nào?",
    body: `VPS mới có tường lửa chỉ cho phép:

- **22/tcp** — SSH (đăng nhập bằng khóa; đăng nhập bằng mật khẩu bị tắt)
- **80/tcp và 443/tcp** — HTTP và HTTPS
- **ICMP** — ping

Mọi cổng khác đều đóng cho đến khi bạn mở, ví dụ bằng \`ufw allow 3306/tcp\` trên Ubuntu. SMTP đi ra ở cổng 25 bị chặn để ngăn thư rác từ máy chủ bị xâm nhập; hãy gửi yêu cầu hỗ trợ nếu bạn cần gửi thư trực tiếp.`,
  },
  {
    slug: "dns-propagation-time",
    category: "faq",
    locale: "en",
    title: "How long does a DNS change take?",
    helpful: [16, 3],
    body: `Changes in a zone we host are live on our name servers within a minute. Other networks keep the old answer until its **TTL** runs out — by default one hour. A change of name servers at the registry can take up to 24 hours.`,
  },
  {
    slug: "dns-propagation-time",
    category: "faq",
    locale: "vi",
    title: "Thay đổi DNS mất bao lâu để có hiệu lực?",
    body: `Thay đổi trong vùng DNS do chúng tôi quản lý có hiệu lực trên máy chủ tên miền của chúng tôi trong vòng một phút. Các mạng khác vẫn giữ câu trả lời cũ cho đến khi **TTL** hết hạn — mặc định là một giờ. Việc đổi máy chủ tên miền tại nhà đăng ký có thể mất đến 24 giờ.`,
  },
  {
    slug: "dns-propagation-time",
    category: "faq",
    locale: "sk",
    title: "Ako dlho trvá zmena DNS?",
    body: `Zmeny v zóne, ktorú spravujeme, sú na našich menných serveroch aktívne do minúty. Ostatné siete si pamätajú starú odpoveď, kým nevyprší jej **TTL** — predvolene jedna hodina. Zmena menných serverov v registri môže trvať až 24 hodín.`,
  },
  {
    slug: "dns-propagation-time",
    category: "faq",
    locale: "hu",
    title: "Mennyi idő alatt lép életbe egy DNS-módosítás?",
    body: `Az általunk kezelt zónák módosításai egy percen belül élnek a névszervereinken. Más hálózatok a régi választ a **TTL** lejártáig megtartják — ez alapértelmezetten egy óra. A névszerverek cseréje a regisztrinél akár 24 órát is igénybe vehet.`,
  },
  {
    slug: "upgrade-plan",
    category: "faq",
    locale: "en",
    title: "Can I upgrade my hosting plan later?",
    helpful: [7, 0],
    body: `Yes, at any time and without downtime. Open **Services → your hosting → Upgrade**; you pay only the difference for the rest of the billing period. Downgrades take effect at the next renewal, provided your usage fits the smaller plan.`,
  },
];

type DemoUpdate = { status: "scheduled" | "investigating" | "identified" | "monitoring" | "in_progress" | "resolved" | "completed"; minutesFromStart: number; body: string };

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Creates the demo support content in the caller's transaction and returns the server ids by key.
 * Servers are upserted by hostname (seed.ts may have created them); everything else is created.
 */
export async function seedSupportContent(tx: Prisma.TransactionClient, now: Date = new Date()): Promise<{ serverIds: Record<DemoServerKey, string> }> {
  const serverIds = {} as Record<DemoServerKey, string>;
  for (const key of Object.keys(DEMO_SERVER_HOSTNAMES) as DemoServerKey[]) {
    const hostname = DEMO_SERVER_HOSTNAMES[key];
    const server = await tx.server.upsert({ where: { hostname }, update: {}, create: { hostname, ...SERVERS[key] }, select: { id: true } });
    serverIds[key] = server.id;
  }

  const categoryIds = {} as Record<CategorySlug, string>;
  for (const c of CATEGORIES) {
    categoryIds[c.slug] = (await tx.kbCategory.create({ data: { slug: c.slug, name: c.name, isFaq: c.isFaq, position: c.position }, select: { id: true } })).id;
  }
  for (const [i, a] of ARTICLES.entries()) {
    const status = a.status ?? "published";
    // Spread over the last weeks so "last updated" dates look lived-in.
    const at = new Date(now.getTime() - (40 - i) * DAY);
    await tx.kbArticle.create({
      data: {
        categoryId: categoryIds[a.category],
        slug: a.slug,
        locale: a.locale,
        title: a.title,
        body: a.body,
        status,
        publishedAt: status === "published" ? at : null,
        helpfulYes: a.helpful?.[0] ?? 0,
        helpfulNo: a.helpful?.[1] ?? 0,
        createdAt: at,
      },
    });
  }

  await tx.announcement.createMany({
    data: [
      {
        locale: null,
        title: "New VPS region: Budapest",
        body: "VPS plans are now available in our **Budapest** data centre, with the same prices as Bratislava and Ho Chi Minh City. Choose the location when you order a new VPS.",
        publishedAt: new Date(now.getTime() - 20 * DAY),
      },
      {
        locale: null,
        title: "PHP 8.4 is available on all hosting plans",
        body: "You can now switch any website to PHP 8.4 under **Services → your hosting → Websites → PHP settings**. PHP 8.1 reaches its end of life at the end of the year; please move to 8.3 or 8.4 before then.",
        publishedAt: new Date(now.getTime() - 7 * DAY),
      },
      {
        locale: "vi",
        title: "Lịch hỗ trợ dịp Tết Nguyên Đán",
        body: "Trong dịp Tết, bộ phận hỗ trợ qua yêu cầu hỗ trợ vẫn làm việc 24/7 cho các sự cố khẩn cấp. Các yêu cầu về thanh toán sẽ được xử lý sau kỳ nghỉ. Chúc quý khách một năm mới an khang thịnh vượng!",
        publishedAt: new Date(now.getTime() - 3 * DAY),
      },
    ],
  });

  const issue = async (input: {
    kind: "maintenance" | "incident";
    title: string;
    body: string;
    status: DemoUpdate["status"];
    startsAt: Date;
    endsAt: Date | null;
    servers: DemoServerKey[];
    updates: DemoUpdate[];
  }) => {
    const created = await tx.networkIssue.create({
      data: {
        kind: input.kind,
        title: input.title,
        body: input.body,
        status: input.status,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        createdAt: input.startsAt < now ? input.startsAt : now,
        servers: { connect: input.servers.map((key) => ({ id: serverIds[key] })) },
      },
      select: { id: true },
    });
    for (const u of input.updates) {
      await tx.networkIssueUpdate.create({ data: { issueId: created.id, status: u.status, body: u.body, createdAt: new Date(input.startsAt.getTime() + u.minutesFromStart * 60_000) } });
    }
  };

  // Current: started two hours ago, cause found, not fixed yet.
  await issue({
    kind: "incident",
    title: "Slow disk performance on VPS node 3 (Budapest)",
    body: "Some VPS on **vps-node3.bud.portico.example** respond slowly and disk-heavy tasks (databases, backups) take longer than usual. Your data is safe.",
    status: "identified",
    startsAt: new Date(now.getTime() - 2 * HOUR),
    endsAt: null,
    servers: ["budVps"],
    updates: [
      { status: "investigating", minutesFromStart: 10, body: "We are investigating reports of high disk latency on VPS node 3." },
      { status: "identified", minutesFromStart: 80, body: "A failing SSD in the storage array is slowing down the rebuild. A replacement disk is being installed; performance will recover once the rebuild finishes." },
    ],
  });

  // Upcoming: in three days, 22:00–23:30 UTC (early morning in Ho Chi Minh City).
  const maintenanceDay = new Date(now.getTime() + 3 * DAY);
  const maintenanceStart = new Date(Date.UTC(maintenanceDay.getUTCFullYear(), maintenanceDay.getUTCMonth(), maintenanceDay.getUTCDate(), 22, 0));
  await issue({
    kind: "maintenance",
    title: "Kernel update and reboot of web1 (Ho Chi Minh City)",
    body: "We will install security updates on **web1.hcm.portico.example** and restart it. Websites and mailboxes on this server will be unavailable for up to 15 minutes within the window. No action is needed on your side.",
    status: "scheduled",
    startsAt: maintenanceStart,
    endsAt: new Date(maintenanceStart.getTime() + 90 * 60_000),
    servers: ["hcmWeb"],
    updates: [],
  });

  // Past: a network outage ten days ago, resolved after 95 minutes.
  const outageStart = new Date(now.getTime() - 10 * DAY);
  await issue({
    kind: "incident",
    title: "Network outage in the Bratislava data centre",
    body: "Websites on **web2.bts.portico.example** were unreachable because of a failed core switch in the Bratislava data centre.",
    status: "resolved",
    startsAt: outageStart,
    endsAt: new Date(outageStart.getTime() + 95 * 60_000),
    servers: ["btsWeb"],
    updates: [
      { status: "investigating", minutesFromStart: 5, body: "We are aware that web2 is unreachable and are investigating." },
      { status: "identified", minutesFromStart: 25, body: "A core switch failed; traffic is being moved to the redundant switch." },
      { status: "monitoring", minutesFromStart: 60, body: "All websites are reachable again. We are monitoring the network." },
      { status: "resolved", minutesFromStart: 95, body: "The failed switch has been replaced. We are sorry for the disruption." },
    ],
  });

  return { serverIds };
}
