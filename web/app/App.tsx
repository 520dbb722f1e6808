import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { AccessibilityPage } from '../features/about/AccessibilityPage.tsx';
import { NotFoundPage } from '../features/about/ForbiddenPage.tsx';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { AdminLayout } from '../features/admin/AdminLayout.tsx';
import { AuditLogPage } from '../features/admin/AuditLogPage.tsx';
import { CreateUserPage } from '../features/admin/CreateUserPage.tsx';
import { OutboxPage } from '../features/admin/OutboxPage.tsx';
import { ReadPurposesPage } from '../features/admin/ReadPurposesPage.tsx';
import { SecondFactorPolicyPage } from '../features/admin/SecondFactorPolicyPage.tsx';
import { UserPage } from '../features/admin/UserPage.tsx';
import { UsersPage } from '../features/admin/UsersPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { SecondFactorPage } from '../features/auth/SecondFactorPage.tsx';
import { EconomyPage } from '../features/efforts/EconomyPage.tsx';
import { EffortFormPage } from '../features/efforts/EffortFormPage.tsx';
import { EffortPage } from '../features/efforts/EffortPage.tsx';
import { EffortsLayout } from '../features/efforts/EffortsLayout.tsx';
import { EffortsPage } from '../features/efforts/EffortsPage.tsx';
import { EffortsImportPage } from '../features/efforts/ImportPage.tsx';
import { PeerComparisonPage } from '../features/efforts/PeerComparisonPage.tsx';
import { PeerPage } from '../features/efforts/PeerPage.tsx';
import { EffortSettingsPage } from '../features/efforts/SettingsPage.tsx';
import { TrianglePage } from '../features/efforts/TrianglePage.tsx';
import { FrontPage } from '../features/home/FrontPage.tsx';
import { DiagramPage } from '../features/organisation/DiagramPage.tsx';
import { ForumFormPage } from '../features/organisation/ForumFormPage.tsx';
import { ForumPage } from '../features/organisation/ForumPage.tsx';
import { ForumsPage, MyForumsPage } from '../features/organisation/ForumsPage.tsx';
import { ImportPage } from '../features/organisation/ImportPage.tsx';
import { LevelLabelsPage } from '../features/organisation/LevelLabelsPage.tsx';
import { MatrixPage } from '../features/organisation/MatrixPage.tsx';
import { OrganisationIndex, OrganisationLayout } from '../features/organisation/OrganisationLayout.tsx';
import { FunctionRecordPage, OrganisationRecordPage, PoolRecordPage } from '../features/organisation/RecordPages.tsx';
import { SearchPage } from '../features/organisation/SearchPage.tsx';
import { TreePage } from '../features/organisation/TreePage.tsx';
import { PlanPage } from '../features/plans/PlanPage.tsx';
import { ComparePage } from '../features/scenarios/ComparePage.tsx';
import { CreateScenarioPage } from '../features/scenarios/CreateScenarioPage.tsx';
import { ScenarioPage } from '../features/scenarios/ScenarioPage.tsx';
import { ScenariosPage } from '../features/scenarios/ScenariosPage.tsx';
import { PlansLayout } from '../features/plans/PlansLayout.tsx';
import { PlansPage } from '../features/plans/PlansPage.tsx';
import { ServerPage } from '../features/plans/ServerPage.tsx';
import { VersionPage, VersionsPage } from '../features/plans/VersionsPage.tsx';
import { I18nProvider } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../lib/api.ts';
import { Layout } from './Layout.tsx';
import { adminPagesFor } from './navigation.ts';
import { NotificationsPage } from '../features/notifications/NotificationsPage.tsx';
import { ME_KEY, RedirectIfSignedIn, RequirePermission, RequireSecondFactorStage, RequireSession, useMeQuery, useSession } from './session.tsx';

function createQueryClient(): QueryClient {
  // A session that ended (idle, logged out elsewhere) sends the user to log in again: the
  // session is fetched anew, and the route guard takes the user to the login page.
  const sessionMayHaveEnded = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) void client.invalidateQueries({ queryKey: ME_KEY });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== ME_KEY[0]) sessionMayHaveEnded(error);
      },
    }),
    mutationCache: new MutationCache({ onError: sessionMayHaveEnded }),
    defaultOptions: {
      queries: {
        // Retry only what may pass on a second try: the network and server errors.
        retry: (count, error) => count < 2 && (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

const queryClient = createQueryClient();

// The rich-text editor is the largest part of the app and only editors of a draft plan need it.
const PlanSectionsPage = lazy(() => import('../features/plans/SectionsPage.tsx'));

function AdminIndex() {
  const me = useSession();
  const first = adminPagesFor(me)[0];
  return first ? <Navigate to={first.path} replace /> : <NotFoundPage />;
}

function PublicOrSession({ children }: { children: ReactNode }) {
  // Public pages load the session too, so the header shows who is signed in.
  useMeQuery();
  return <>{children}</>;
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/offentlig/*" element={<ServerPage />} />
            <Route element={<Layout />}>
              <Route element={<RedirectIfSignedIn />}>
                <Route path="/login" element={<LoginPage />} />
              </Route>
              <Route element={<RequireSecondFactorStage />}>
                <Route path="/login/anden-faktor" element={<SecondFactorPage />} />
              </Route>
              <Route
                path="/tilgaengelighed"
                element={
                  <PublicOrSession>
                    <AccessibilityPage />
                  </PublicOrSession>
                }
              />
              <Route element={<RequireSession />}>
                <Route path="/" element={<FrontPage />} />
                <Route path="/konto" element={<AccountPage />} />
                <Route path="/beskeder" element={<NotificationsPage />} />
                <Route element={<RequirePermission anyOf={['organisation.read', 'forums.read_own']} />}>
                  <Route path="/organisation" element={<OrganisationLayout />}>
                    <Route index element={<OrganisationIndex />} />
                    <Route path="mine-fora" element={<MyForumsPage />} />
                    <Route path="fora/:id" element={<ForumPage />} />
                    <Route element={<RequirePermission anyOf={['organisation.read']} />}>
                      <Route path="trae" element={<TreePage />} />
                      <Route path="forummatrix" element={<MatrixPage />} />
                      <Route path="niveauer" element={<DiagramPage />} />
                      <Route path="fora" element={<ForumsPage />} />
                      <Route path="soeg" element={<SearchPage />} />
                      <Route path="import" element={<ImportPage />} />
                    </Route>
                    <Route element={<RequirePermission anyOf={['organisation.edit']} />}>
                      <Route path="fora/ny" element={<ForumFormPage mode="create" />} />
                      <Route path="fora/:id/rediger" element={<ForumFormPage mode="edit" />} />
                      <Route path="organisationer/ny" element={<OrganisationRecordPage mode="create" />} />
                      <Route path="organisationer/:id" element={<OrganisationRecordPage mode="edit" />} />
                      <Route path="funktioner/ny" element={<FunctionRecordPage mode="create" />} />
                      <Route path="funktioner/:id" element={<FunctionRecordPage mode="edit" />} />
                      <Route path="puljer/ny" element={<PoolRecordPage mode="create" />} />
                      <Route path="puljer/:id" element={<PoolRecordPage mode="edit" />} />
                    </Route>
                    <Route element={<RequirePermission anyOf={['settings.manage']} />}>
                      <Route path="niveaunavne" element={<LevelLabelsPage />} />
                    </Route>
                    <Route element={<RequirePermission anyOf={['scenarios.read', 'scenarios.steering']} />}>
                      <Route path="scenarier" element={<ScenariosPage />} />
                      <Route path="scenarier/sammenlign" element={<ComparePage />} />
                      <Route path="scenarier/:id" element={<ScenarioPage />} />
                    </Route>
                    <Route element={<RequirePermission anyOf={['scenarios.edit']} />}>
                      <Route path="scenarier/ny" element={<CreateScenarioPage />} />
                    </Route>
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Route>
                <Route element={<RequirePermission anyOf={['efforts.read']} />}>
                  <Route path="/indsatser" element={<EffortsLayout />}>
                    <Route index element={<EffortsPage />} />
                    <Route path="trekant" element={<TrianglePage />} />
                    <Route path="sammenligning" element={<PeerComparisonPage />} />
                    <Route path="sammenligning/:id" element={<PeerPage />} />
                    <Route path="import" element={<EffortsImportPage />} />
                    <Route path=":id" element={<EffortPage />} />
                    <Route element={<RequirePermission anyOf={['economy.read']} />}>
                      <Route path="oekonomi" element={<EconomyPage />} />
                    </Route>
                    <Route element={<RequirePermission anyOf={['efforts.edit']} />}>
                      <Route path="ny" element={<EffortFormPage mode="create" />} />
                      <Route path=":id/rediger" element={<EffortFormPage mode="edit" />} />
                    </Route>
                    <Route element={<RequirePermission anyOf={['settings.manage']} />}>
                      <Route path="indstillinger" element={<EffortSettingsPage />} />
                    </Route>
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Route>
                <Route element={<RequirePermission anyOf={['plans.read']} />}>
                  <Route path="/handlingsplan" element={<PlansLayout />}>
                    <Route index element={<PlansPage />} />
                    <Route path=":id" element={<PlanPage />} />
                    <Route path=":id/versioner" element={<VersionsPage />} />
                    <Route path=":id/versioner/:version" element={<VersionPage />} />
                    <Route element={<RequirePermission anyOf={['plans.edit']} />}>
                      <Route
                        path=":id/afsnit"
                        element={
                          <Suspense fallback={<Loading />}>
                            <PlanSectionsPage />
                          </Suspense>
                        }
                      />
                    </Route>
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Route>
                <Route path="/admin" element={<AdminLayout />}>
                  <Route index element={<AdminIndex />} />
                  <Route element={<RequirePermission anyOf={['users.read']} />}>
                    <Route path="brugere" element={<UsersPage />} />
                    <Route path="brugere/:id" element={<UserPage />} />
                  </Route>
                  <Route element={<RequirePermission anyOf={['users.manage']} />}>
                    <Route path="brugere/opret" element={<CreateUserPage />} />
                  </Route>
                  <Route element={<RequirePermission anyOf={['settings.manage']} />}>
                    <Route path="anden-faktor" element={<SecondFactorPolicyPage />} />
                    <Route path="formaal" element={<ReadPurposesPage />} />
                  </Route>
                  <Route element={<RequirePermission anyOf={['audit.read']} />}>
                    <Route path="revisionslog" element={<AuditLogPage />} />
                  </Route>
                  <Route element={<RequirePermission anyOf={['outbox.read']} />}>
                    <Route path="udbakke" element={<OutboxPage />} />
                  </Route>
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
