import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * The UI text the browser gets, by namespace. Every message of both locales in every page would
 * be 70 kB of JSON in each HTML document (a third of a phone's first load), though a page's
 * client components use a few namespaces; server components translate on the server and need
 * none. So the root layout passes what its error page and the language switch need, and each
 * layout or page below it wraps its content in this with the namespaces of its own client
 * components (client-messages.test.ts works them out from the source and checks the lists).
 * A nested provider replaces the outer one for its content, so each list is complete.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: React.ReactNode }) {
  const all = await getMessages();
  const messages = Object.fromEntries(namespaces.flatMap((ns) => (ns in all ? [[ns, all[ns]]] : [])));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}

/** A page whose content gets these namespaces, whichever of its branches renders. */
export function withClientMessages<Props extends object>(namespaces: readonly string[], Page: (props: Props) => React.ReactNode | Promise<React.ReactNode>) {
  return function PageWithMessages(props: Props) {
    return (
      <ClientMessages namespaces={namespaces}>
        <Page {...props} />
      </ClientMessages>
    );
  };
}
